import {webcrypto} from 'node:crypto'

import {issueCertificate} from '../net/issue-certificate.js'

export interface GeneratedKey {
  readonly privateKey: Uint8Array
  readonly certificate: Uint8Array
}

export interface GenerateKeyOptions {
  readonly organisation: string
  readonly commonName?: string
  readonly rsa?: boolean
  readonly now?: Date
  readonly validDays?: number
}

/**
 * A signing key (ECDSA P-256, or RSA-3072 with `rsa`) and a self-signed certificate naming the organisation,
 * valid for three years by default. Key usage: digital signature and non-repudiation (content commitment).
 */
export const generateSigningKey = async (opts: GenerateKeyOptions): Promise<GeneratedKey> => {
  const now = opts.now ?? new Date()
  const cn = opts.commonName ?? `${opts.organisation} report signing`
  const issued = await issueCertificate({
    subject: `CN=${escapeRdn(cn)}, O=${escapeRdn(opts.organisation)}`,
    key: opts.rsa ? {type: 'rsa', bits: 3072} : {type: 'ec', curve: 'P-256'},
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + (opts.validDays ?? 3 * 365) * 86_400_000),
    purpose: 'document-signing',
  })
  return {privateKey: new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', issued.keys.privateKey)), certificate: new Uint8Array(issued.cert.rawData)}
}

const escapeRdn = (s: string): string => s.replace(/([,+"\\<>;=])/g, '\\$1')
