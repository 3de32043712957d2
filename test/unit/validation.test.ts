import {describe, expect, it} from 'vitest'

import {validateText} from '../../src/validation/validate-document.js'

const vendor = (lines: string[]) => `${lines.join('\n')}\n`

const GOOD = [
  'id: acme',
  'name: Acme Imaging AI',
  'service: Chest X-ray triage',
  'jurisdictions: [US]',
  'endpoints:',
  '  - url: https://api.acme.example',
  '    role: api',
]

describe('located validation', () => {
  it('accepts a valid vendor profile', () => {
    expect(validateText('vendor', vendor(GOOD), 'vendor.yaml').success).toBe(true)
  })

  it('reports a type error on line 7 at line 7, with its JSON pointer', () => {
    const lines = [...GOOD]
    lines[6] = '    role: 42'
    const r = validateText('vendor', vendor(lines), 'vendor.yaml')
    expect(r.success).toBe(false)
    expect(r.problems).toHaveLength(1)
    expect(r.problems![0]).toMatchObject({file: 'vendor.yaml', line: 7, col: 11, pointer: '/endpoints/0/role'})
  })

  it('reports every problem of the file at once, in file order', () => {
    const lines = ['id: Not An Id', ...GOOD.slice(1), 'colour: blue']
    lines[3] = 'jurisdictions: [MARS]'
    const r = validateText('vendor', vendor(lines), 'vendor.yaml')
    expect(r.problems!.map((p) => [p.line, p.pointer])).toEqual([
      [1, '/id'],
      [4, '/jurisdictions/0'],
      [8, '/colour'],
    ])
    expect(r.problems![2]!.message).toBe("unknown field 'colour'")
  })

  it('reports a missing required field at the mapping that lacks it', () => {
    const r = validateText('vendor', vendor(GOOD.filter((l) => !l.startsWith('service'))), 'vendor.yaml')
    expect(r.problems![0]).toMatchObject({line: 1, message: "missing required field 'service'"})
  })

  it('reports YAML syntax errors with their position and never parses further', () => {
    const r = validateText('vendor', 'id: acme\nname: "unclosed\nservice: x\n', 'vendor.yaml')
    expect(r.success).toBe(false)
    expect(r.problems![0]!.message).toMatch(/^YAML syntax error/)
    expect(r.problems![0]!.line).toBeGreaterThanOrEqual(2)
  })

  it('reports duplicate keys', () => {
    const r = validateText('vendor', vendor([...GOOD, 'name: Again']), 'vendor.yaml')
    expect(r.problems![0]).toMatchObject({line: 8, message: expect.stringContaining('duplicate key')})
  })

  it('reports an empty file', () => {
    expect(validateText('workspace', '', 'scanvet.yaml').problems![0]!.message).toBe('the file is empty')
  })

  it('validates conditions: exactly one operator, known keys only', () => {
    const q = (when: string) =>
      ['id: q', 'version: "2026.1"', 'title: Q', 'sections:', '  - id: s', '    title: S', '    questions:', '      - id: a', '        text: A?', '        type: yes-no', `        when: ${when}`].join('\n')
    expect(validateText('questionnaire', q('{question: x, equals: true}'), 'q.yaml').success).toBe(true)
    const bad = validateText('questionnaire', q('{question: x, equals: true, in: [1]}'), 'q.yaml')
    expect(bad.success).toBe(false)
    expect(bad.problems![0]!.line).toBe(11)
    expect(validateText('questionnaire', q('{question: x, eval: "process.exit()"}'), 'q.yaml').success).toBe(false)
  })
})

describe('validators precompiled at build time', () => {
  it('give the same verdict and the same errors as compiling at run time (npm test builds first)', async () => {
    const {createRequire} = await import('node:module')
    const {validatorFor} = await import('../../src/validation/ajv-instance.js')
    const built = createRequire(import.meta.url)('../../dist/validation/compiled-validators.cjs') as Record<string, ((d: unknown) => boolean) & {errors?: unknown}>
    const {INPUT_KINDS} = await import('../../src/schemas/index.js')
    const bad = {id: 'Not An Id', name: 3, jurisdictions: ['MARS'], endpoints: [{url: 'ftp://x', role: 'api', extra: 1}], colour: 'blue'}
    for (const kind of INPUT_KINDS) {
      const runtime = validatorFor(kind)
      const pre = built[kind]!
      expect(pre, kind).toBeTypeOf('function')
      expect(pre(bad), kind).toBe(runtime(bad))
      expect(pre.errors, kind).toEqual(runtime.errors)
    }
  })
})
