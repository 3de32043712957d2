#!/usr/bin/env bash
# Installs the Debian packages the interop suite (npm run test:interop) checks scanvet against.
# Run as root (CI is). Services are never started by the packages: tests start their own on 127.0.0.1.
set -euo pipefail
PACKAGES=(
  openssl sslscan            # TLS: reference scanner and test servers
  testssl.sh hyperfine       # TLS: bench/tls.sh peers and timer (not needed by the tests)
  poppler-utils qpdf         # PDF: pdfsig, pdfinfo, pdftotext, pdffonts, pdfdetach; structure check
  dcmtk dicom3tools          # DICOM: dcmftest, dcmdump; dciodvfy (IOD validator) for the synthetic studies
  orthanc orthanc-dicomweb   # a real DICOMweb server for the retention probe (started privately by the tests)
  chromium                   # the questionnaire's HTML form, driven by playwright-core (never a downloaded browser)
  libnss3-tools mupdf-tools  # signed reports: certutil (trust store for pdfsig), mutool
  tinyproxy squid            # real HTTP(S) proxies for the proxy tests (CONNECT for TLS)
  python3-pydicom            # its test_files/ are a real-world DICOM corpus for the reader
  tesseract-ocr              # reference OCR engine to compare the bundled tesseract.js against
  tmux                       # drives the interactive prompts (passphrase, questionnaire) in a real terminal
)
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "interop packages present"; exit 0; fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "installed: ${missing[*]}"
