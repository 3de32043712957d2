import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {ScanvetError} from '../errors.js'
import type {SigningKey} from '../signing/cms-signer.js'
import {writeFileAtomic} from '../workspace/atomic-write.js'
import type {Workspace} from '../workspace/workspace-types.js'
import {generateSigningKey} from './generate-key.js'
import {buildPkcs12, parsePkcs12} from './pkcs12.js'
import {describeCertificate, derFromPem, type KeyInfo} from './certificate-info.js'

export {describeCertificate, derFromPem, type KeyInfo}

export const DEFAULT_KEY_FILE = path.join('keys', 'signing.p12')
export const PASSPHRASE_ENV = 'SCANVET_KEY_PASSPHRASE'
/** Only the owner may read the key file. */
const KEY_FILE_MODE = 0o600

export const keyFileOf = (ws: Workspace): string => path.resolve(ws.root, ws.config.report?.keyFile ?? DEFAULT_KEY_FILE)

/** No source for the passphrase (no terminal to ask on): said once, before anything is touched. Exit 2. */
export const noPassphraseError = (): ScanvetError =>
  new ScanvetError('KEY_ERROR', 'no passphrase for the signing key, and no terminal to ask for it on', [
    `Read it into ${PASSPHRASE_ENV} without typing it on the command line: read -rs ${PASSPHRASE_ENV} && export ${PASSPHRASE_ENV}`,
    'Or give it in a file only you can read: --passphrase-file ~/.config/scanvet/passphrase (chmod 600)',
  ])

const requirePassphrase = (passphrase: string | undefined): string => {
  if (!passphrase) throw noPassphraseError()
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

