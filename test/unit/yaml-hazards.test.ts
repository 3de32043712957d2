import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {InvalidInputError, type Problem} from '../../src/errors.js'
import type {InputKind} from '../../src/schemas/index.js'
import {validateText} from '../../src/validation/validate-document.js'
import {loadInput} from '../../src/workspace/read-input.js'
import {seededRandom} from '../helpers/prng.js'
import {tempDir} from '../helpers/tmp.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const read = (...p: string[]) => readFileSync(path.join(ROOT, ...p), 'utf8')

/** One valid file of each YAML kind; each must pass as it is, or the matrix proves nothing. */
const BASES: Record<Exclude<InputKind, 'assessment'>, string> = {
  workspace: read('templates', 'scanvet.yaml'),
  vendor: read('templates', 'vendor.yaml'),
  check: read('checks', 'tls', 'tls-cert-expiry-margin.yaml'),
  framework: read('checks', 'frameworks', 'hipaa.yaml'),
  questionnaire: read('questionnaires', 'imaging-ai-vendor.yaml'),
  answers: read('test', 'fixtures', 'answers', 'mini-2026.1.yaml'),
  migration: read('test', 'fixtures', 'questionnaires', 'migrations', 'mini.yaml'),
  // Its leading comment dropped: the matrix inserts hazards after line 1, which must be a top-level key.
  provisions: read('data', 'provisions', 'fda.yaml').replace(/^(#.*\n)+/, ''),
}

type Expect = {line: number; col?: number} | 'file' | {lineIn: [number, number]}
interface Hazard {
  readonly name: string
  /** The file with the hazard in it and where the problem must be reported, derived from where it was put. */
  readonly make: (base: string, kind: string) => {bytes: Uint8Array; expect: Expect}
}

const lines = (s: string) => s.replace(/\r\n/g, '\n').split('\n')
/** Insert `extra` lines at top level just after line 1 (every base file's first line is a top-level key). */
const insertAfterFirst = (base: string, extra: string[]): string => {
  const l = lines(base)
  return [l[0], ...extra, ...l.slice(1)].join('\n')
}
const utf8 = (s: string) => Buffer.from(s, 'utf8')
const rnd = seededRandom(16)

const HAZARDS: Hazard[] = [
  {
    name: 'alias bomb',
    make: (b) => {
      const x = (r: string) => `[${Array(10).fill(r).join(',')}]`
      return {bytes: utf8(insertAfterFirst(b, [`zz0: &a ${x('x')}`, `zz1: &b ${x('*a')}`, `zz2: &c ${x('*b')}`, `zz3: ${x('*c')}`])), expect: {lineIn: [2, 5]}}
    },
  },
  {name: 'undefined alias', make: (b) => ({bytes: utf8(insertAfterFirst(b, ['zz: *nowhere'])), expect: {line: 2, col: 5}})},
  {
    name: 'invalid UTF-8 inside a value',
    make: (b) => {
      const [first, ...rest] = lines(b)
      return {bytes: Buffer.concat([utf8(`${first}\nzz: "caf`), Buffer.from([0xc3, 0x28]), utf8(`"\n${rest.join('\n')}`)]), expect: {line: 2, col: 9}}
    },
  },
  {
    name: 'random binary',
    make: (b) => {
      const junk = Buffer.from(Array.from({length: 64}, () => Math.floor(rnd() * 256)).map((x) => (x === 0x0a || x === 0x0d ? 0x00 : x)))
      junk[0] = 0x00
      const [first, ...rest] = lines(b)
      return {bytes: Buffer.concat([utf8(`${first}\n`), junk, utf8(`\n${rest.join('\n')}`)]), expect: {line: 2}}
    },
  },
  {name: 'unknown tag !js/function', make: (b) => ({bytes: utf8(insertAfterFirst(b, ['zz: !js/function "function () { return 1 }"'])), expect: {line: 2, col: 5}})},
  {name: 'unknown tag !!python/object/apply', make: (b) => ({bytes: utf8(insertAfterFirst(b, ['zz: !!python/object/apply:os.system ["ls"]'])), expect: {line: 2, col: 5}})},
  {name: '2,000-deep nesting', make: (b) => ({bytes: utf8(insertAfterFirst(b, [`zz: ${'['.repeat(2000)}${']'.repeat(2000)}`])), expect: {line: 2}})},
  {name: '30 MiB scalar', make: (b) => ({bytes: utf8(insertAfterFirst(b, [`zz: "${'a'.repeat(30 * 1024 * 1024)}"`])), expect: 'file'})},
  {name: '1 MiB key', make: (b, kind) => ({bytes: utf8(insertAfterFirst(b, [`${'k'.repeat(1024 * 1024)}: 1`])), expect: ['questionnaire', 'answers', 'framework'].includes(kind) ? {line: 2, col: 1} : 'file'})},
  // BOM and CRLF are legal: the file must still be read, and a problem after them located exactly as without them.
  {name: 'BOM', make: (b) => ({bytes: utf8(`\uFEFFzz: *nowhere\n${b}`), expect: {line: 1, col: 5}})},
  {name: 'CRLF', make: (b) => ({bytes: utf8(insertAfterFirst(b, ['zz: *nowhere']).replace(/\n/g, '\r\n')), expect: {line: 2, col: 5}})},
  {name: 'empty', make: () => ({bytes: utf8(''), expect: {line: 1, col: 1}})},
  {name: 'comments only', make: () => ({bytes: utf8('# nothing here\n# nor here\n'), expect: {line: 1, col: 1}})},
  {name: 'two documents', make: (b) => ({bytes: utf8(`${b.replace(/\n*$/, '\n')}---\nzz: 1\n`), expect: {line: lines(b.replace(/\n*$/, '\n')).length}})},
  {name: 'tab indentation', make: (b) => ({bytes: utf8(insertAfterFirst(b, ['zz:', '\tb: 1'])), expect: {line: 3, col: 1}})},
  {
    name: 'duplicate keys',
    make: (b) => {
      const first = lines(b).find((l) => /^[A-Za-z][\w-]*:/.test(l))!
      const body = b.replace(/\n*$/, '\n')
      return {bytes: utf8(`${body}${first}\n`), expect: {line: lines(body).length, col: 1}}
    },
  },
]

const located = (problems: readonly Problem[], expect: Expect): boolean => {
  const p = problems[0]
  if (!p) return false
  if (expect === 'file') return p.line === 0 && /may be at most/.test(p.message)
  if ('lineIn' in expect) return p.line >= expect.lineIn[0] && p.line <= expect.lineIn[1] && p.col >= 1
  return p.line === expect.line && (expect.col === undefined || p.col === expect.col)
}

describe('one YAML reader: every hazard in a valid file of each kind is refused and located', () => {
  for (const [kind, base] of Object.entries(BASES) as Array<[Exclude<InputKind, 'assessment'>, string]>) {
    it(`${kind}: the base file is valid as it is`, () => {
      const r = validateText(kind, utf8(base), `${kind}.yaml`)
      expect(r.success, JSON.stringify(r.problems)).toBe(true)
    })
  }

  it('the matrix: every hazard × every kind gives one located problem, within 2 s and 256 MB', () => {
    const misses: string[] = []
    let cases = 0
    for (const [kind, base] of Object.entries(BASES) as Array<[Exclude<InputKind, 'assessment'>, string]>) {
      for (const h of HAZARDS) {
        const {bytes, expect: where} = h.make(base, kind)
        const heap0 = process.memoryUsage().heapUsed
        const t0 = performance.now()
        const r = validateText(kind, bytes, `${kind}.yaml`)
        const ms = performance.now() - t0
        const mb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20
        cases++
        if (r.success) misses.push(`${kind} / ${h.name}: accepted`)
        else if (!located(r.problems, where)) misses.push(`${kind} / ${h.name}: ${JSON.stringify(r.problems.slice(0, 2))} (expected ${JSON.stringify(where)})`)
        else if (r.problems.some((p) => /unexpected|stack|at .*\.js/i.test(p.message))) misses.push(`${kind} / ${h.name}: ${r.problems[0]!.message}`)
        if (ms > 2000 || mb > 256) misses.push(`${kind} / ${h.name}: ${ms.toFixed(0)} ms, ${mb.toFixed(0)} MB`)
      }
    }
    console.log(`YAML hazard matrix: ${cases - misses.length}/${cases} located`)
    expect(misses).toEqual([])
  }, 60_000)

  it('a file larger than its kind allows is refused before it is read, as a file-level reason', async () => {
    const dir = tempDir()
    const f = path.join(dir, 'vendor.yaml')
    writeFileSync(f, `id: x\nname: "${'a'.repeat(30 * 1024 * 1024)}"\n`)
    const t0 = performance.now()
    const err = await loadInput('vendor', f).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InvalidInputError)
    expect((err as InvalidInputError).message).toMatch(/vendor\.yaml: the file is 30\.0 MiB; a vendor file may be at most 256 KiB/)
    expect(performance.now() - t0).toBeLessThan(2000)
  })

  it('the same located answer as bytes or as already-decoded text, and a good file with a BOM or CRLF is read', () => {
    const good = BASES.vendor
    expect(validateText('vendor', utf8(`\uFEFF${good}`), 'v.yaml').success).toBe(true)
    expect(validateText('vendor', utf8(good.replace(/\n/g, '\r\n')), 'v.yaml').success).toBe(true)
    const broken = `id: 3\n${lines(good).filter((l) => !/^id:/.test(l)).join('\n')}`
    const plain = validateText('vendor', broken, 'v.yaml')
    const withBom = validateText('vendor', utf8(`\uFEFF${broken}`), 'v.yaml')
    expect(plain.success).toBe(false)
    expect(plain.problems?.[0]).toMatchObject({line: 1, col: 5})
    expect(withBom.problems).toEqual(plain.problems)
  })
})
