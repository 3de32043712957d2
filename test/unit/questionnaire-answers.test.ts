import {readFileSync} from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {canonicalAnswersFile, questionOrder} from '../../src/questionnaire/canonical-answers.js'
import {checkAnswersText} from '../../src/questionnaire/check-answers.js'
import {embeddedLibrary} from '../../src/questionnaire/form-script.js'
import {loadQuestionnaire, loadQuestionnaireWithMigrations} from '../../src/questionnaire/load-questionnaire.js'
import type {AnswersFile} from '../../src/questionnaire/questionnaire-types.js'
import {serialiseAnswers} from '../../src/questionnaire/serialise-answers.js'
import {FIXTURE_ANSWERS, MINI} from '../helpers/questionnaire-workspace.js'
import {MINI_RESPONSES} from '../helpers/responses.js'

const q = await loadQuestionnaire(MINI)
const order = questionOrder(q)

const file = (answers: string[], extra: string[] = []) =>
  ['questionnaire: mini', 'version: "2026.2"', 'vendor: acme', 'answers:', ...answers.map((a) => `  ${a}`), ...extra, ''].join('\n')

const REQUIRED = ['mini.hosting: cloud', 'mini.encrypted: no', 'mini.regions: [us]', 'mini.retention: P10D']

describe('canonical serialiser', () => {
  it('reads back as the same data, for awkward strings too', () => {
    const tricky = ['yes', 'No', 'null', '~', '123', '1.5', '2026-01-01', 'a: b', '#x', '- y', ' lead', 'trail ', 'tab\there', 'line\nbreak', 'quote " and \\', 'emoji 🩻', 'nel\u0085', 'del\u007f', 'ls\u2028', '\ufeffbom', '', "'single'", '@at', '`tick', 'P60D', 'on', 'e5', '.inf']
    for (const s of tricky) {
      const f: AnswersFile = {questionnaire: 'mini', version: '2026.2', answers: {'mini.notes': s, 'mini.regions': ['us', s === '' ? 'x' : s]}}
      const text = serialiseAnswers(f, order)
      const back = parse(text) as AnswersFile
      if (s === '') expect(back.answers['mini.notes']).toBeUndefined()
      else expect(back.answers['mini.notes'], JSON.stringify(s)).toBe(s)
    }
  })

  it('orders keys by the questionnaire and leaves blanks out', () => {
    const text = serialiseAnswers({questionnaire: 'mini', version: '2026.2', answers: {'mini.retention': 'P1D', 'mini.hosting': 'cloud', 'mini.staff': null, 'mini.regions': []}}, order)
    expect(text).toBe('questionnaire: mini\nversion: "2026.2"\nanswers:\n  mini.hosting: cloud\n  mini.retention: P1D\n')
  })

  it('is a fixed point of import: importing a canonical file gives it back byte for byte', () => {
    const canon = serialiseAnswers(canonicalAnswersFile(q, {...MINI_RESPONSES, evidence: undefined, answers: {...MINI_RESPONSES.answers, 'mini.soc2': false}}), order)
    const r = checkAnswersText({text: canon, file: 'a.yaml', questionnaire: q, vendor: 'acme'})
    expect(r.success).toBe(true)
    expect(serialiseAnswers(r.answers!, order)).toBe(canon)
  })

  it('the HTML form embeds the same compiled code, and it gives the same bytes (run here in a VM)', async () => {
    const lib = await embeddedLibrary()
    expect(lib).not.toMatch(/<\/script/i)
    const ctx = vm.createContext({})
    vm.runInContext(`${lib}\n;globalThis.out = serialiseAnswers(canonicalAnswersFile(Q, F), questionOrder(Q));`.replace('Q, F', `${JSON.stringify(q)}, ${JSON.stringify(MINI_RESPONSES)}`).replace('questionOrder(Q)', `questionOrder(${JSON.stringify(q)})`), ctx)
    expect((ctx as {out: string}).out).toBe(serialiseAnswers(canonicalAnswersFile(q, MINI_RESPONSES), order))
  })
})

describe('checking an answers file', () => {
  it('accepts a complete file and normalises it: yes/no words, option order, hidden answers', () => {
    const r = checkAnswersText({text: file(['mini.hosting: cloud', 'mini.encrypted: yes', 'mini.algorithm: aes-256', 'mini.regions: [uk, us]', 'mini.eu-basis: dpf', 'mini.retention: P10D']), file: 'a.yaml', questionnaire: q, vendor: 'acme'})
    expect(r.success).toBe(true)
    expect(r.answers!.answers).toEqual({'mini.hosting': 'cloud', 'mini.encrypted': true, 'mini.algorithm': 'aes-256', 'mini.regions': ['us', 'uk'], 'mini.eu-basis': 'dpf', 'mini.retention': 'P10D'})
  })

  it('reports every problem at once, each at its line and column', () => {
    const text = file(
      ['mini.hosting: moon', 'mini.encrypted: no', 'mini.algorithm: aes-256', 'mini.regions: [us, mars]', 'mini.retention: 30 days', 'mini.staff: many', 'mini.pentest-date: 2026-02-30', 'mini.policy-url: ftp://x', 'mini.hostin: cloud', 'mini.notes: 42'],
      ['comments:', '  mini.nope: hi'],
    )
    const r = checkAnswersText({text, file: 'a.yaml', questionnaire: q, vendor: 'acme'})
    expect(r.success).toBe(false)
    const got = r.problems!.map((p) => [p.line, p.col, p.message])
    expect(got).toEqual([
      [5, 17, "'mini.hosting' expects one of: cloud, on-prem, hybrid; got \"moon\""],
      [7, 3, "'mini.algorithm' is only asked when mini.encrypted is yes; that does not hold for these answers, so remove this answer or change the earlier one"],
      [8, 17, "'mini.regions': 'mars' is not an option; choose from: us, eu, uk, other"],
      [9, 19, expect.stringContaining("'mini.retention' expects an ISO 8601 duration")],
      [10, 15, "'mini.staff' expects a number (people); got \"many\""],
      [11, 22, "'mini.pentest-date' expects a date, YYYY-MM-DD; got \"2026-02-30\""],
      [12, 20, expect.stringContaining("'mini.policy-url' expects a web address")],
      [13, 3, "no question 'mini.hostin' in mini 2026.2; did you mean 'mini.hosting'?"],
      [14, 15, expect.stringContaining('put it in quotes')],
      [16, 3, "comment: no question 'mini.nope' in mini 2026.2; did you mean 'mini.notes'?"],
    ])
  })

  it('reports missing required answers, at the blank left in a sheet or at the answers mapping', () => {
    const r = checkAnswersText({text: file(['mini.hosting:', 'mini.encrypted: yes']), file: 'a.yaml', questionnaire: q})
    expect(r.problems!.map((p) => [p.line, p.message.split(':')[0]])).toEqual([
      [4, "required question 'mini.regions' is not answered"],
      [4, "required question 'mini.retention' is not answered"],
      [5, "required question 'mini.hosting' is not answered"],
    ])
  })

  it('says when a follow-up is answered but the question it hangs on is not', () => {
    const r = checkAnswersText({text: file([...REQUIRED.filter((a) => !a.startsWith('mini.encrypted')), 'mini.algorithm: aes-256']), file: 'a.yaml', questionnaire: q})
    expect(r.problems!.map((p) => p.message)).toEqual([
      "required question 'mini.encrypted' is not answered: Is stored data encrypted?",
      "'mini.algorithm' is only asked when mini.encrypted is yes, and mini.encrypted is not answered; answer that first, or remove this answer",
    ])
  })

  it('refuses answers for another questionnaire, another vendor, or a newer version', () => {
    expect(checkAnswersText({text: file(REQUIRED).replace('questionnaire: mini', 'questionnaire: other'), file: 'a.yaml', questionnaire: q}).problems![0]).toMatchObject({line: 1, col: 16})
    expect(checkAnswersText({text: file(REQUIRED), file: 'a.yaml', questionnaire: q, vendor: 'beta'}).problems![0]).toMatchObject({line: 3, message: "these answers are from vendor 'acme', not 'beta'"})
    expect(checkAnswersText({text: file(REQUIRED).replace('2026.2', '2027.1'), file: 'a.yaml', questionnaire: q}).problems![0]!.message).toContain('newer than the 2026.2')
  })

  it('reports YAML that is not an answers file, without throwing', () => {
    for (const text of ['', '- a\n- b\n', 'answers: [1, 2]\n', 'a: &x [*x]\n', '{{{', 'questionnaire: mini\nversion: 2026.2\nanswers: {}\n']) {
      const r = checkAnswersText({text, file: 'a.yaml', questionnaire: q})
      expect(r.success, text).toBe(false)
      expect(r.problems!.length).toBeGreaterThan(0)
    }
  })
})

describe('migrating answers from an older version', () => {
  it('a vendor’s answers to the bundled 2026.1 questionnaire still import into 2026.2: every answer kept, the new required questions listed as still to answer', async () => {
    const loaded = await loadQuestionnaireWithMigrations('imaging-ai-vendor')
    expect(loaded.questionnaire.version).toBe('2026.2')
    const text = readFileSync(path.join(FIXTURE_ANSWERS, 'imaging-ai-vendor-2026.1.yaml'), 'utf8')
    const given = Object.keys((parse(text) as AnswersFile).answers)
    const r = checkAnswersText({text, file: 'old.yaml', questionnaire: loaded.questionnaire, vendor: 'demo-imaging-ai', migrations: loaded.migrations!, jurisdictions: ['US', 'EU']})
    expect(r.success, JSON.stringify(r.problems)).toBe(true)
    expect(Object.keys(r.answers!.answers).sort()).toEqual([...given].sort())
    expect(r.migration).toMatchObject({from: '2026.1', to: '2026.2', unmapped: false, migrated: given.length, notMigrated: []})
    expect(r.migration!.toAnswer).toEqual(expect.arrayContaining(['agreements.baa-clauses', 'training.remuneration', 'ai.automated-decisions']))
    // The same file with its version left at 2026.2 is refused: a current answers file must answer every required question.
    const asCurrent = checkAnswersText({text: text.replace('version: "2026.1"', 'version: "2026.2"'), file: 'now.yaml', questionnaire: loaded.questionnaire, vendor: 'demo-imaging-ai', jurisdictions: ['US', 'EU']})
    expect(asCurrent.success).toBe(false)
  })

  it('carries over what still exists, maps renamed ids and values, lists what could not be migrated', async () => {
    const loaded = await loadQuestionnaireWithMigrations(MINI)
    const text = readFileSync(path.join(FIXTURE_ANSWERS, 'mini-2026.1.yaml'), 'utf8')
    const r = checkAnswersText({text, file: 'old.yaml', questionnaire: loaded.questionnaire, vendor: 'acme', migrations: loaded.migrations!})
    expect(r.success).toBe(true)
    expect(r.answers!.version).toBe('2026.2')
    expect(r.answers!.answers).toEqual({'mini.hosting': 'cloud', 'mini.encrypted': true, 'mini.regions': ['us'], 'mini.retention': 'P20D'})
    const m = r.migration!
    expect(m).toMatchObject({from: '2026.1', to: '2026.2', path: ['2026.1', '2026.2'], unmapped: false, migrated: 4, toAnswer: []})
    expect(m.notMigrated.map((n) => [n.line, n.what, n.id, n.reason])).toEqual([
      [6, 'answer', 'mini.fax', 'removed in 2026.2: we no longer ask about fax transmission'],
      [8, 'answer', 'mini.algorithm', `'mini.algorithm' expects one of: aes-256, aes-128, other; got "aes-512"`],
      [10, 'answer', 'mini.gone', "version 2026.2 has no question 'mini.gone'"],
      [13, 'comment', 'mini.fax', 'removed in 2026.2: we no longer ask about fax transmission'],
    ])
  })

  it('without a map, keeps answers whose question id still exists and says so', () => {
    const text = ['questionnaire: mini', 'version: "2025.1"', 'answers:', '  mini.hosting: cloud', '  mini.cloud: aws', ''].join('\n')
    const r = checkAnswersText({text, file: 'old.yaml', questionnaire: q})
    expect(r.migration).toMatchObject({unmapped: true, migrated: 1, toAnswer: ['mini.encrypted', 'mini.regions', 'mini.retention']})
    expect(r.migration!.notMigrated).toHaveLength(1)
  })
})
