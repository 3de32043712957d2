import {createHmac} from 'node:crypto'

import {ScanvetError} from '../../errors.js'

/**
 * Pseudonyms and UIDs come from HMAC-SHA-256 under a secret the practice keeps, as the EDPB Guidelines 01/2025
 * on pseudonymisation recommend: the same input always gives the same output (so a whole study set stays
 * consistent, run after run), and nobody without the key can recompute or reverse it. A plain hash of a
 * patient ID or UID could be reversed by trying every candidate; this is never used.
 */
export interface KeyedFunctions {
  /** A new UID under 2.25 (UUID-derived, ITU-T X.667) for an original UID. */
  uid(original: string): string
  /** A replacement patient identifier, "SV-" and 16 hex digits (fits SH/LO, recognisable as a dummy). */
  pseudonym(kind: string, original: string): string
  /** Days to move every date of one patient by, between -1 and -365 (same patient, same shift). */
  dateShiftDays(patientKey: string): number
}

export const MIN_KEY_LENGTH = 32
export const DEFAULT_KEY_ENV = 'SCANVET_DEID_KEY'

export const PSEUDONYM_PATTERN = /^SV-[0-9A-F]{16}$/

/** Build the keyed functions. The key is held in the closure only; nothing here ever prints it. */
export const keyedFunctions = (key: string): KeyedFunctions => {
  const mac = (label: string, value: string): Buffer => createHmac('sha256', key).update(label).update('\0').update(value).digest()
  const uids = new Map<string, string>()
  return {
    uid(original) {
      const known = uids.get(original)
      if (known) return known
      const b = Buffer.from(mac('uid', original).subarray(0, 16))
      // Version 8 (custom) and the RFC 9562 variant, so the integer is a well-formed UUID as 2.25 requires.
      b[6] = (b[6]! & 0x0f) | 0x80
      b[8] = (b[8]! & 0x3f) | 0x80
      const uid = `2.25.${BigInt(`0x${b.toString('hex')}`).toString(10)}`
      uids.set(original, uid)
      return uid
    },
    pseudonym(kind, original) {
      return `SV-${mac(`pseudonym:${kind}`, original).subarray(0, 8).toString('hex').toUpperCase()}`
    },
    dateShiftDays(patientKey) {
      return -(1 + (mac('date-shift', patientKey).readUInt32BE(0) % 365))
    },
  }
}

/** Read the secret from the environment variable the user named; errors name the variable, never the value. */
export const keyFromEnv = (env: Readonly<Record<string, string | undefined>>, name: string): string => {
  const key = env[name]
  if (key === undefined || key === '') {
    throw new ScanvetError('INVALID_INPUT', `the de-identification key is not set: environment variable ${name} is empty`, [
      `export ${name}="$(openssl rand -base64 48)" and keep it secret (the same key keeps UIDs and pseudonyms consistent between runs)`,
    ])
  }
  if (key.length < MIN_KEY_LENGTH) {
    throw new ScanvetError('INVALID_INPUT', `the de-identification key in ${name} is too short: use at least ${MIN_KEY_LENGTH} characters of random data`, [
      `export ${name}="$(openssl rand -base64 48)"`,
    ])
  }
  return key
}
