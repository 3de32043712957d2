import {X509Certificate} from 'node:crypto'
import tls, {type PeerCertificate} from 'node:tls'

const TIME_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'])

/**
 * Whether the served chain leads to a trust anchor, judged apart from its dates. OpenSSL stops at the first
 * problem, so an expired certificate reports CERT_HAS_EXPIRED and nothing about trust; expiry and hostname have
 * their own checks, and counting one defect twice would blame the vendor for two.
 */
export const trustedApartFromTime = (
  verdict: {authorized: boolean; authorizationError?: string},
  chain: readonly PeerCertificate[],
  extraAnchors: readonly string[],
): boolean => {
  if (verdict.authorized) return true
  // Node reports a name mismatch only once the chain has verified: trust is intact, the hostname check judges the rest.
  if (verdict.authorizationError === 'ERR_TLS_CERT_ALTNAME_INVALID') return true
  if (!verdict.authorizationError || !TIME_ERRORS.has(verdict.authorizationError)) return false
  const anchors = [...tls.rootCertificates, ...extraAnchors.flatMap(splitPem)].map((p) => new X509Certificate(p))
  const prints = new Set(anchors.map((a) => a.fingerprint256))
  const certs = chain.map((c) => new X509Certificate(c.raw))
  for (let i = 0; i < certs.length; i++) {
    const cert = certs[i]!
    if (prints.has(cert.fingerprint256)) return true
    if (anchors.some((a) => cert.checkIssued(a) && cert.verify(a.publicKey))) return true
    const next = certs[i + 1]
    if (!next || next.fingerprint256 === cert.fingerprint256 || !(cert.checkIssued(next) && cert.verify(next.publicKey))) return false
  }
  return false
}

const splitPem = (pem: string): string[] => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
