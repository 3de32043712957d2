import fc from 'fast-check'

/*
 * Edits of a binary file for the fuzzers (DICOM, signed reports): bit flips, inserted, deleted and duplicated
 * bytes, truncation, appended bytes, a digit of a number changed (offsets, lengths, a ByteRange), and a 32-bit
 * length field set to an extreme (the classic way a reader runs off the end or allocates gigabytes).
 */
export const byteMutation = fc.oneof(
  fc.record({op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({min: 0, max: 7})}),
  fc.record({op: fc.constant('insert' as const), at: fc.nat(), what: fc.uint8Array({minLength: 1, maxLength: 16})}),
  fc.record({op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({min: 1, max: 64})}),
  fc.record({op: fc.constant('truncate' as const), at: fc.nat()}),
  fc.record({op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({min: 2, max: 64})}),
  fc.record({op: fc.constant('append' as const), what: fc.uint8Array({minLength: 1, maxLength: 64})}),
  fc.record({op: fc.constant('digit' as const), at: fc.nat(), to: fc.integer({min: 0, max: 9})}),
  fc.record({op: fc.constant('length' as const), at: fc.nat(), value: fc.constantFrom(0xffffffff, 0xfffffffe, 0x7fffffff, 0x10000, 0)}),
)
export type ByteMutation = typeof byteMutation extends fc.Arbitrary<infer T> ? T : never

export const applyMutation = (b: Buffer, m: ByteMutation): Buffer => {
  const at = m.op === 'append' || b.length === 0 ? 0 : m.at % b.length
  switch (m.op) {
    case 'flip': {
      const c = Buffer.from(b)
      if (c.length > 0) c[at] = c[at]! ^ (1 << m.bit)
      return c
    }
    case 'insert':
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.what), b.subarray(at)])
    case 'delete':
      return Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)])
    case 'truncate':
      return b.subarray(0, at)
    case 'duplicate':
      return Buffer.concat([b.subarray(0, at + m.len), b.subarray(at, at + m.len), b.subarray(at + m.len)])
    case 'append':
      return Buffer.concat([b, Buffer.from(m.what)])
    case 'digit': {
      const c = Buffer.from(b)
      let i = at
      while (i < c.length && (c[i]! < 0x30 || c[i]! > 0x39)) i++
      if (i < c.length) c[i] = 0x30 + m.to
      return c
    }
    case 'length': {
      const c = Buffer.from(b)
      if (at + 4 <= c.length) c.writeUInt32LE(m.value >>> 0, at)
      return c
    }
  }
}
