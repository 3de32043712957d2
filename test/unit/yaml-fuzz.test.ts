import {readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import type {InputKind} from '../../src/schemas/index.js'
import {validateText} from '../../src/validation/validate-document.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const read = (...p: string[]) => readFileSync(path.join(ROOT, ...p))

/** A valid file of each kind, small enough that 10,000 mutations of each run in seconds. */
const BASES: Array<[Exclude<InputKind, 'assessment'>, Buffer]> = [
  ['workspace', read('templates', 'scanvet.yaml')],
  ['vendor', read('templates', 'vendor.yaml')],
  ['check', read('checks', 'tls', 'tls-cert-expiry-margin.yaml')],
  // The head of a framework, cut before the control that crosses 4 KiB: still valid, and it holds every
  // construct the full file uses, at a fifth of the parse time.
  ['framework', (() => { const f = read('checks', 'frameworks', 'hipaa.yaml'); return f.subarray(0, f.lastIndexOf('\n  - ', 4096) + 1) })()],
  ['questionnaire', read('test', 'fixtures', 'questionnaires', 'mini.yaml')],
  ['answers', read('test', 'fixtures', 'answers', 'mini-2026.1.yaml')],
  ['migration', read('test', 'fixtures', 'questionnaires', 'migrations', 'mini.yaml')],
  ['provisions', read('data', 'provisions', 'fda.yaml')],
]

const META = [...'&*!|>-:?[]{},#\'"%@`\t\n\r ', '\uFEFF', '---\n', '...\n', '*a', '&a ', '!!binary ', '<<: *a', '\u0000', '\u00ff']

/** One edit of the bytes: insert meta characters or random bytes, delete a range, duplicate or swap lines. */
const mutation = fc.oneof(
  fc.record({op: fc.constant('insert' as const), at: fc.nat(), what: fc.constantFrom(...META)}),
  fc.record({op: fc.constant('bytes' as const), at: fc.nat(), what: fc.uint8Array({minLength: 1, maxLength: 8})}),
  fc.record({op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({min: 1, max: 16})}),
  fc.record({op: fc.constant('dupline' as const), at: fc.nat()}),
  fc.record({op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({min: 0, max: 7})}),
)
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never

const apply = (b: Buffer, m: Mutation): Buffer => {
  const at = b.length === 0 ? 0 : m.at % (b.length + 1)
  switch (m.op) {
    case 'insert':
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.what, 'utf8'), b.subarray(at)])
    case 'bytes':
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.what), b.subarray(at)])
    case 'delete':
      return Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)])
    case 'dupline': {
      const s = b.lastIndexOf(0x0a, at - 1) + 1
      const e = b.indexOf(0x0a, at)
      const line = b.subarray(s, e < 0 ? b.length : e + 1)
      return Buffer.concat([b.subarray(0, s), line, line, b.subarray(s + line.length)])
    }
    case 'flip': {
      const c = Buffer.from(b)
      if (c.length > 0) c[at % c.length] = c[at % c.length]! ^ (1 << m.bit)
      return c
    }
  }
}

const RUNS = 10_000

describe.skipIf(process.env.SCANVET_FUZZ_OFF === '1')('fuzz bases', () => {
  it.each(BASES)('%s: the unmutated base is valid, so a mutation is what gets refused', (kind, base) => {
    const r = validateText(kind, base, `${kind}.yaml`)
    expect(r.success, JSON.stringify(r.problems?.slice(0, 2))).toBe(true)
  })
})

describe.skipIf(process.env.SCANVET_FUZZ_OFF === '1')('fuzz: mutated YAML of each kind never crashes, hangs or escapes as an unexpected error', () => {
  for (const [kind, base] of BASES) {
    it(`${kind}: ${RUNS} mutated files, each either valid or refused with located problems`, () => {
      let refused = 0
      let slowest = 0
      fc.assert(
        fc.property(fc.array(mutation, {minLength: 1, maxLength: 4}), (ms) => {
          const bytes = ms.reduce(apply, base)
          const t0 = performance.now()
          const r = validateText(kind, bytes, `${kind}.yaml`)
          slowest = Math.max(slowest, performance.now() - t0)
          if (r.success) return true
          refused++
          // Plain checks, not expect(): this loop runs 70,000 times.
          return (
            r.problems.length > 0 &&
            r.problems.every((p) => p.file === `${kind}.yaml` && Number.isInteger(p.line) && p.line >= 0 && Number.isInteger(p.col) && p.col >= 0 && p.message !== '' && !/unexpected error|Maximum call stack|\n\s+at /.test(p.message))
          )
        }),
        {numRuns: RUNS, seed: 16_000 + kind.length, endOnFailure: true},
      )
      console.log(`yaml fuzz ${kind}: ${RUNS} runs, ${refused} refused, slowest ${slowest.toFixed(1)} ms`)
      // No mutated file may take long: the deadline is what a user would call a hang.
      expect(slowest).toBeLessThan(2000)
    }, 60_000)
  }
})
