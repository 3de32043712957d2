import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {durationFromWords} from '../../src/conditions/duration.js'
import {InvalidInputError} from '../../src/errors.js'
import {questionOrder} from '../../src/questionnaire/canonical-answers.js'
import {checkAnswersText} from '../../src/questionnaire/check-answers.js'
import {describeConditionForVendor} from '../../src/questionnaire/condition-for-vendor.js'
import {MAX_DOCUMENT_BYTES} from '../../src/questionnaire/embedded-document.js'
import {embeddedLibrary} from '../../src/questionnaire/form-script.js'
import {importAnswers, readEmbedded} from '../../src/questionnaire/import-answers.js'
import {loadQuestionnaire} from '../../src/questionnaire/load-questionnaire.js'
import type {AnswersFile} from '../../src/questionnaire/questionnaire-types.js'
import {serialiseAnswers} from '../../src/questionnaire/serialise-answers.js'
import {validateText} from '../../src/validation/validate-document.js'
import {FIXTURE_ANSWERS, MINI, makeWorkspace} from '../helpers/questionnaire-workspace.js'
import {tempDir} from '../helpers/tmp.js'

const q = await loadQuestionnaire(MINI)
const order = questionOrder(q)
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
/** A hash as the canonical serialiser writes it: plain when it starts with a letter, quoted otherwise. */
const shaYaml = (h: string) => (/^[a-f]/.test(h) ? h : `"${h}"`)
// 120 bytes: 160 base64 characters, in lines of 76, 76 and 8.
const DOC = Buffer.from(Array.from({length: 120}, (_, i) => (i * 37) % 256))

const withDoc = (doc: Buffer = DOC, name = 'policy v2.pdf'): AnswersFile => ({
  questionnaire: 'mini',
  version: '2026.2',
  vendor: 'acme',
  answers: {'mini.hosting': 'cloud', 'mini.encrypted': false, 'mini.regions': ['us'], 'mini.retention': 'P10D'},
  evidence: {'mini.encrypted': {name, size: doc.length, sha256: sha(doc), content: doc.toString('base64')}},
})

describe('an attached document in the answers file', () => {
  it('is written as name, size, sha256 and wrapped base64 in a literal block, and reads back as the same data', () => {
    const text = serialiseAnswers(withDoc(), order)
    const b64 = DOC.toString('base64')
    expect(text.split('evidence:\n')[1]).toBe(
      ['  mini.encrypted:', '    name: "policy v2.pdf"', '    size: 120', `    sha256: ${shaYaml(sha(DOC))}`, '    content: |-', `      ${b64.slice(0, 76)}`, `      ${b64.slice(76, 152)}`, `      ${b64.slice(152)}`, ''].join('\n'),
    )
    const back = parse(text) as AnswersFile
    const e = back.evidence!['mini.encrypted'] as {content: string}
    expect(Buffer.from(e.content, 'base64').equals(DOC)).toBe(true)
    expect(serialiseAnswers(back, order)).toBe(text)
  })

  it('an empty document is written as an empty string', () => {
    expect(serialiseAnswers(withDoc(Buffer.alloc(0)), order)).toContain('    size: 0\n    sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n    content: ""\n')
  })

  it('validates against the answers schema; old path-only files stay valid; path and content together do not', () => {
    expect(validateText('answers', Buffer.from(serialiseAnswers(withDoc(), order)), 'a.yaml').success).toBe(true)
    const old = readFileSync(path.join(FIXTURE_ANSWERS, 'mini-2026.1.yaml'))
    expect(validateText('answers', old, 'old.yaml').success).toBe(true)
    const pathOnly = serialiseAnswers({...withDoc(), evidence: {'mini.encrypted': {path: 'policy.pdf', sha256: sha(DOC)}}}, order)
    expect(validateText('answers', Buffer.from(pathOnly), 'p.yaml').success).toBe(true)
    const both = serialiseAnswers(withDoc(), order).replace('    name: "policy v2.pdf"', '    path: policy.pdf\n    name: "policy v2.pdf"')
    expect(validateText('answers', Buffer.from(both), 'b.yaml').success).toBe(false)
    const noHash = serialiseAnswers(withDoc(), order).replace(/ {4}sha256: .*\n/, '')
    expect(validateText('answers', Buffer.from(noHash), 'n.yaml').success).toBe(false)
    const notBase64 = serialiseAnswers(withDoc(), order).replace('    content: |-\n', '    content: |-\n      *not base64*\n')
    expect(validateText('answers', Buffer.from(notBase64), 'x.yaml').success).toBe(false)
  })

  it('check + readEmbedded: the bytes when the hash matches; a changed character is a mismatch at the content line', () => {
    const text = serialiseAnswers(withDoc(), order)
    const ok = checkAnswersText({text, file: 'a.yaml', questionnaire: q, vendor: 'acme'})
    expect(ok.success, JSON.stringify(ok.problems)).toBe(true)
    const ref = ok.evidence!.find((e) => e.questionId === 'mini.encrypted')!
    expect(ref.given).toBe('policy v2.pdf')
    const contentLine = text.split('\n').indexOf('    content: |-') + 1
    expect(ref.line).toBe(contentLine)
    const good = readEmbedded(ref, 'a.yaml')
    expect(good.bytes!.equals(DOC)).toBe(true)
    expect(good.sha256).toBe(sha(DOC))

    const lines = text.split('\n')
    const l = lines[contentLine]!
    lines[contentLine] = `${l.slice(0, 8)}${l[8] === 'A' ? 'B' : 'A'}${l.slice(9)}`
    const bad = checkAnswersText({text: lines.join('\n'), file: 't.yaml', questionnaire: q, vendor: 'acme'})
    expect(bad.success).toBe(true)
    const r = readEmbedded(bad.evidence!.find((e) => e.questionId === 'mini.encrypted')!, 't.yaml')
    expect(r.problem).toMatchObject({file: 't.yaml', line: contentLine, message: expect.stringContaining('does not match its SHA-256')})
  })

  it('readEmbedded refuses a size that does not match the bytes, and a document over the cap', () => {
    const wrongSize = serialiseAnswers(withDoc(), order).replace('    size: 120', '    size: 121')
    const c = checkAnswersText({text: wrongSize, file: 's.yaml', questionnaire: q, vendor: 'acme'})
    const r = readEmbedded(c.evidence![0]!, 's.yaml')
    expect(r.problem).toMatchObject({line: wrongSize.split('\n').indexOf('    size: 121') + 1, message: expect.stringContaining('records size 121')})
    // A document of exactly the cap is read (14 million base64 characters: no regex recursion, no spread).
    const atCap = Buffer.alloc(MAX_DOCUMENT_BYTES, 7)
    const c1 = checkAnswersText({text: serialiseAnswers(withDoc(atCap), order), file: 'cap.yaml', questionnaire: q, vendor: 'acme'})
    expect(readEmbedded(c1.evidence![0]!, 'cap.yaml').sha256).toBe(sha(atCap))
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1)
    const c2 = checkAnswersText({text: serialiseAnswers(withDoc(big), order), file: 'big.yaml', questionnaire: q, vendor: 'acme'})
    expect(readEmbedded(c2.evidence![0]!, 'big.yaml').problem?.message).toContain('may be at most 10 MiB')
  })

  it('import stores the document in the vendor folder and records path + sha256, never the base64; a mismatch writes nothing', async () => {
    const dir = tempDir('scanvet-attach-')
    const ws = await makeWorkspace(path.join(dir, 'ws'))
    const text = serialiseAnswers(withDoc(), order)
    const src = path.join(dir, 'answers-from-form.yaml')
    const {writeFileSync, existsSync} = await import('node:fs')
    writeFileSync(src, text.replace(/(\n {6}[A-Za-z0-9+/]{4})([A-Za-z0-9+/])/, (_, a: string, b: string) => `${a}${b === 'A' ? 'B' : 'A'}`))
    await expect(importAnswers({workspace: ws, vendorId: 'acme', file: src, questionnaire: MINI})).rejects.toBeInstanceOf(InvalidInputError)
    expect(existsSync(path.join(dir, 'ws', 'vendors', 'acme', 'answers.yaml'))).toBe(false)
    expect(existsSync(path.join(dir, 'ws', 'vendors', 'acme', 'evidence'))).toBe(false)

    writeFileSync(src, text)
    const r = await importAnswers({workspace: ws, vendorId: 'acme', file: src, questionnaire: MINI})
    expect(r.evidence).toHaveLength(1)
    expect(r.evidence[0]!.sha256).toBe(sha(DOC))
    const stored = readFileSync(path.join(dir, 'ws', 'vendors', 'acme', 'answers.yaml'), 'utf8')
    expect(stored).not.toMatch(/^ +content:/m)
    expect(stored.split('evidence:\n')[1]).toBe(`  mini.encrypted:\n    path: "evidence/mini.encrypted/policy-v2.pdf"\n    sha256: ${shaYaml(sha(DOC))}\n`)
    expect(readFileSync(path.join(dir, 'ws', 'vendors', 'acme', 'evidence', 'mini.encrypted', 'policy-v2.pdf')).equals(DOC)).toBe(true)
  })
})

describe('durations in words, as the form takes them', () => {
  it('turns "30 days", "6 months", "72 hours" and mixes into ISO 8601; leaves ISO as it is; refuses the rest', () => {
    const cases: [string, string | undefined][] = [
      ['30 days', 'P30D'], ['6 months', 'P6M'], ['72 hours', 'PT72H'], ['1 year', 'P1Y'], ['2 weeks', 'P2W'], ['1 day', 'P1D'],
      ['1 year 6 months', 'P1Y6M'], ['2 weeks and 3 days', 'P2W3D'], ['90 minutes', 'PT90M'], ['1.5 hours', 'PT1.5H'], ['24h', 'PT24H'],
      ['P30D', 'P30D'], ['p30d', 'P30D'], ['  30 Days ', 'P30D'],
      ['thirty days', undefined], ['30', undefined], ['6 m', undefined], ['3 days 2 days', undefined], ['', undefined], ['days', undefined],
    ]
    for (const [s, want] of cases) expect(durationFromWords(s), s).toBe(want)
  })

  it('the embedded form library defines it, with the caps and the serialiser', async () => {
    const ctx = vm.createContext({})
    vm.runInContext(`${await embeddedLibrary()}\n;globalThis.out = [durationFromWords('6 months'), MAX_DOCUMENT_BYTES, typeof serialiseAnswers, typeof base64Lines]`, ctx)
    expect(ctx.out).toEqual(['P6M', MAX_DOCUMENT_BYTES, 'function', 'function'])
  })
})

describe('conditions worded for the vendor', () => {
  it('names the earlier question by its text and the answer by its label', () => {
    const byId = new Map(q.sections.flatMap((s) => s.questions).map((x) => [x.id, x] as const))
    expect(describeConditionForVendor(byId.get('mini.algorithm')!.when!, byId)).toBe('you answered “Yes” to “Is stored data encrypted?”')
    expect(describeConditionForVendor(byId.get('mini.eu-basis')!.when!, byId)).toBe('you chose “European Union” or “United Kingdom” for “Where is data stored?”')
  })
})
