import {randomBytes} from 'node:crypto'

/** Fresh bytes; injected so tests can make studies deterministic. */
export type RandomSource = (n: number) => Uint8Array

export const cryptoRandom: RandomSource = (n) => randomBytes(n)

/**
 * A UID under the 2.25 root (PS3.5 B.2): the decimal value of 128 random bits. No registration is needed and
 * nothing about the host, user or time leaks into it.
 */
export const uid225 = (random: RandomSource = cryptoRandom): string => {
  const bytes = random(16)
  let n = 0n
  for (const b of bytes) n = (n << 8n) | BigInt(b)
  return `2.25.${n.toString(10)}`
}

/** scanvet's own implementation class UID: a fixed 2.25 value, the same in every file scanvet writes. */
export const IMPLEMENTATION_CLASS_UID = '2.25.231863197451206330218063496624587352407'
export const IMPLEMENTATION_VERSION_NAME = 'SCANVET_0'

/** The canary token carried in a descriptive attribute: easy to grep for in a vendor's response. */
export const canaryToken = (random: RandomSource = cryptoRandom): string => `SCANVET-CANARY-${Buffer.from(random(8)).toString('hex').toUpperCase()}`
