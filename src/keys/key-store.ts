import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {ScanvetError} from '../errors.js'
import {certFingerprint, pkijs, toArrayBuffer} from '../signing/pki.js'
import type {SigningKey} from '../signing/cms-signer.js'
import {writeFileAtomic} from '../workspace/atomic-write.js'
import type {Workspace} from '../workspace/workspace-types.js'
import {generateSigningKey} from './generate-key.js'
import {buildPkcs12, parsePkcs12} from './pkcs12.js'

export const DEFAULT_KEY_FILE = path.join('keys', 'signing.p12')
export const PASSPHRASE_ENV = 'SCANVET_KEY_PASSPHRASE'
/** Only the owner may read the key file. */
const KEY_FILE_MODE = 0o600

export const keyFileOf = (ws: Workspace): string => path.resolve(ws.root, ws.config.report?.keyFile ?? DEFAULT_KEY_FILE)

export interface KeyInfo {
  readonly file: string
  readonly subject: string
  readonly issuer: string
  readonly selfSigned: boolean
  readonly algorithm: string
  readonly notBefore: string
  readonly notAfter: string
  /** SHA-256 of the certificate (DER), AA:BB:… — what procurement pins with `scanvet verify --fingerprint`. */
  readonly fingerprint: string
  readonly chainLength: number
}

const dn = (name: pkijs.RelativeDistinguishedNames): string => {
  const short: Record<string, string> = {'2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST'}
  return name.typesAndValues.map((tv) => `${short[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`).join(', ')
}

export const describeCertificate = async (der: Uint8Array, file: string, chainLength: number): Promise<KeyInfo> => {
  const cert = pkijs.Certificate.fromBER(toArrayBuffer(der))
  const alg = cert.subjectPublicKeyInfo.algorithm.algorithmId
  const bits = alg === '1.2.840.113549.1.1.1' ? ` ${(cert.subjectPublicKeyInfo.parsedKey as pkijs.RSAPublicKey | undefined)?.modulus.valueBlock.valueHexView.length ?? 0}` : ''
  return {
    file,
    subject: dn(cert.subject),
    issuer: dn(cert.issuer),
    selfSigned: dn(cert.subject) === dn(cert.issuer),
    algorithm: alg === '1.2.840.10045.2.1' ? 'ECDSA P-256' : alg === '1.2.840.113549.1.1.1' ? `RSA-${Number(bits.trim()) * 8}` : alg,
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    fingerprint: await certFingerprint(der),
    chainLength,
  }
}

const requirePassphrase = (passphrase: string | undefined): string => {
  if (!passphrase) throw new ScanvetError('KEY_ERROR', `no passphrase for the signing key`, [`Set ${PASSPHRASE_ENV}, or run the command in a terminal to be asked for it.`])
  if (passphrase.length < 8) throw new ScanvetError('INVALID_INPUT', 'the key passphrase must be at least 8 characters')
  return passphrase
}

/** The public certificate beside the key (keys/signing.crt): `keys show` and `verify --trust` read it without the passphrase. */
export const certFileOf = (keyFile: string): string => keyFile.replace(/\.(p12|pfx)$/i, '') + '.crt'

const pemOf = (der: Uint8Array): string => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`

const writeKeyFile = async (file: string, data: Uint8Array, certificate: Uint8Array): Promise<void> => {
  await fs.mkdir(path.dirname(file), {recursive: true, mode: 0o700})
  await writeFileAtomic(file, data, KEY_FILE_MODE)
  await fs.chmod(file, KEY_FILE_MODE)
  await writeFileAtomic(certFileOf(file), pemOf(certificate))
}

export interface GenerateOptions {
  readonly file: string
  readonly organisation: string
  readonly passphrase: string | undefined
  readonly rsa?: boolean
  readonly force?: boolean
  readonly now?: Date
}

/** `scanvet keys generate`: a new key and self-signed certificate, written as an encrypted PKCS#12, mode 0600. */
export const generateKeyFile = async (opts: GenerateOptions): Promise<KeyInfo> => {
  const passphrase = requirePassphrase(opts.passphrase)
  if (existsSync(opts.file) && !opts.force) {
    throw new ScanvetError('INVALID_INPUT', `${opts.file} already exists`, ['Reports signed with it stay verifiable only with its fingerprint: keep it. Use --force to replace it.'])
  }
  const key = await generateSigningKey({organisation: opts.organisation, ...(opts.rsa ? {rsa: true} : {}), ...(opts.now ? {now: opts.now} : {})})
  const p12 = await buildPkcs12({privateKey: key.privateKey, certificates: [key.certificate]}, passphrase)
  await writeKeyFile(opts.file, p12, key.certificate)
  return describeCertificate(key.certificate, opts.file, 1)
}

export interface ImportOptions {
  readonly source: string
  readonly file: string
  readonly passphrase: string | undefined
  readonly force?: boolean
}

/** `scanvet keys import`: check a PKCS#12 from the organisation's CA opens with the passphrase, then copy it in. */
export const importKeyFile = async (opts: ImportOptions): Promise<KeyInfo> => {
  const passphrase = requirePassphrase(opts.passphrase)
  let data: Buffer
  try {
    data = await fs.readFile(opts.source)
  } catch (error) {
    throw new ScanvetError('UNREADABLE_FILE', `cannot read ${opts.source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  const parsed = await parsePkcs12(data, passphrase, opts.source)
  if (existsSync(opts.file) && !opts.force) throw new ScanvetError('INVALID_INPUT', `${opts.file} already exists`, ['Use --force to replace it.'])
  await writeKeyFile(opts.file, data, parsed.certificates[0]!)
  return describeCertificate(parsed.certificates[0]!, opts.file, parsed.certificates.length)
}

export const readKeyFile = async (file: string, passphrase: string | undefined): Promise<SigningKey> => {
  if (!existsSync(file)) throw new ScanvetError('NOT_FOUND', `no signing key at ${file}`, ['Create one with: scanvet keys generate'])
  return parsePkcs12(await fs.readFile(file), requirePassphrase(passphrase), file)
}

/** `scanvet keys show`: the certificate and its fingerprint, from keys/signing.crt, or the key file when that is missing. */
export const showKeyFile = async (file: string, passphrase: string | undefined): Promise<KeyInfo> => {
  const crt = certFileOf(file)
  if (existsSync(file) && existsSync(crt)) return describeCertificate(derFromPem(await fs.readFile(crt, 'utf8')), file, 1)
  const key = await readKeyFile(file, passphrase)
  return describeCertificate(key.certificates[0]!, file, key.certificates.length)
}

/** A certificate file in PEM or DER. */
export const derFromPem = (text: string | Buffer): Uint8Array => {
  const s = Buffer.isBuffer(text) ? text.toString('latin1') : text
  const m = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(s)
  if (m) return new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'))
  return new Uint8Array(Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1'))
}
