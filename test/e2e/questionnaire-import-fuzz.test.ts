import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {InvalidInputError} from '../../src/errors.js'
import {displayPath} from '../../src/paths.js'
import {canonicalAnswersFile, questionOrder} from '../../src/questionnaire/canonical-answers.js'
import {checkAnswersText} from '../../src/questionnaire/check-answers.js'
import {importAnswers} from '../../src/questionnaire/import-answers.js'
import {loadQuestionnaire} from '../../src/questionnaire/load-questionnaire.js'
import {serialiseAnswers} from '../../src/questionnaire/serialise-answers.js'
import {runCli} from '../helpers/cli.js'
import {FIXTURE_ANSWERS, MINI, copyEvidence, makeWorkspace} from '../helpers/questionnaire-workspace.js'
import {MINI_RESPONSES} from '../helpers/responses.js'
import {tempDir} from '../helpers/tmp.js'

/** mulberry32: a small seeded PRNG, so every run mutates the same way. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const TOKENS = ['yes', 'no', 'true', '12', '-1', '1e999', '.nan', '""', '[]', '{}', 'null', '~', 'P0D', 'PX', 'P1Y2M', '2026-13-01', '2026-02-28', 'http://', 'https://ok.example', 'cloud', 'hybrid', '[us, eu]', '[us, us]', '[mars]', '&a x', '*a', '!!binary aGk=', '"\\u0000"', 'x'.repeat(300), '"a: b"', '- item', '{path: soc2.pdf}', '{path: missing.pdf}', 'soc2.pdf', 'missing.pdf', '"2026.1"', '"2099.9"', 'aes-256', '|\n    block', '>-\n    folded']
const JUNK = [':', '[', ']', '{', '}', '"', "'", '#', '\t', '%', '@', '&', '*', '!', '|', '>', '-', '?', ',', '\u0000', '\ufeff', '\r', ' ']

const mutate = (text: string, rnd: () => number): string => {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  let lines = text.split('\n')
  const n = 1 + Math.floor(rnd() * 3)
  for (let k = 0; k < n; k++) {
    const i = Math.floor(rnd() * lines.length)
    const line = lines[i] ?? ''
    switch (Math.floor(rnd() * 10)) {
      case 0:
        lines.splice(i, 1)
        break
      case 1:
        lines.splice(i, 0, line)
        break
      case 2: {
        const j = Math.floor(rnd() * lines.length)
        ;[lines[i], lines[j]] = [lines[j] ?? '', line]
        break
      }
      case 3:
      case 4:
        lines[i] = line.includes(': ') || line.endsWith(':') ? `${line.slice(0, line.indexOf(':') + 1)} ${pick(TOKENS)}` : `${line} ${pick(TOKENS)}`
        break
      case 5:
        lines[i] = rnd() < 0.5 ? ` ${line}` : line.replace(/^ {1,2}/, '')
        break
      case 6: {
        const at = Math.floor(rnd() * (line.length + 1))
        lines[i] = line.slice(0, at) + pick(JUNK) + line.slice(at)
        break
      }
      case 7:
        lines.splice(i, 0, `  ${pick(['mini.extra', 'mini.hosting', 'MINI.Bad', 'mini.notes', 'mini.soc2-report', 'x'])}: ${pick(TOKENS)}`)
        break
      case 8:
        lines = lines.join('\n').slice(0, Math.floor(rnd() * text.length)).split('\n')
        break
      default:
        lines.splice(i, 0, pick(['comments:', '  mini.hosting: a note', 'evidence:', '  mini.soc2-report: {path: soc2.pdf, sha256: 00}', 'respondent: {email: not-an-email}', 'vendor: other', 'version: "2026.1"', 'questionnaire: other']))
    }
  }
  return lines.join('\n')
}

describe('import fuzz: mutated answers files never crash; each ends in a located refusal or a valid import', () => {
  const dir = tempDir('scanvet-fuzz-')

  it('500 mutated files through the library', async () => {
    const q = await loadQuestionnaire(MINI)
    const ws = await makeWorkspace(path.join(dir, 'lib'))
    copyEvidence(dir)
    const base = [
      serialiseAnswers(canonicalAnswersFile(q, MINI_RESPONSES), questionOrder(q)),
      serialiseAnswers(canonicalAnswersFile(q, {...MINI_RESPONSES, answers: {...MINI_RESPONSES.answers, 'mini.encrypted': false, 'mini.regions': ['us'], 'mini.soc2': false}}), questionOrder(q)),
      readFileSync(path.join(FIXTURE_ANSWERS, 'mini-2026.1.yaml'), 'utf8'),
    ]
    const target = path.join(ws.root, 'vendors', 'acme', 'answers.yaml')
    const rnd = prng(20260301)
    const outcome = {imported: 0, refused: 0}
    for (let i = 0; i < 500; i++) {
      const text = mutate(base[i % base.length]!, rnd)
      const file = path.join(dir, `fuzz-${i % 7}.yaml`)
      writeFileSync(file, text)
      const before = existsSync(target) ? readFileSync(target) : undefined
      let result: Awaited<ReturnType<typeof importAnswers>> | undefined
      let refusal: InvalidInputError | undefined
      try {
        result = await importAnswers({workspace: ws, vendorId: 'acme', file, questionnaire: MINI})
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw new Error(`mutation ${i} crashed: ${String(error)}\n--- input ---\n${text}`)
        refusal = error
      }
      if (result) {
        outcome.imported++
        // A valid import writes a canonical file that checks again and serialises to the same bytes. A
        // migrated one may leave new required questions open (listed in toAnswer); nothing else may be wrong.
        const written = readFileSync(target, 'utf8')
        const again = checkAnswersText({text: written, file: 'w.yaml', questionnaire: q, vendor: 'acme', allowUnanswered: (result.migration?.toAnswer.length ?? 0) > 0})
        expect(again.success, `${i}: ${JSON.stringify(again.problems)}\n${text}`).toBe(true)
        expect(serialiseAnswers({...again.answers!, ...((again.evidence?.length ?? 0) > 0 ? {evidence: Object.fromEntries(again.evidence!.map((e) => [e.questionId, {path: e.given, sha256: e.sha256!}]))} : {})}, questionOrder(q))).toBe(written)
        expect(result.answered).toBe(Object.keys(again.answers!.answers).length)
      } else {
        outcome.refused++
        expect(refusal!.problems.length).toBeGreaterThan(0)
        for (const p of refusal!.problems) {
          expect(p.file).toBe(displayPath(file))
          expect(p.line).toBeGreaterThanOrEqual(1)
          expect(p.col).toBeGreaterThanOrEqual(1)
          expect(p.message.length).toBeGreaterThan(0)
        }
        // Refused: nothing written.
        expect(existsSync(target) ? readFileSync(target) : undefined).toEqual(before)
      }
    }
    // The mutations reach both outcomes, so the test is not passing on one branch alone.
    expect(outcome.imported).toBeGreaterThan(20)
    expect(outcome.refused).toBeGreaterThan(200)
  })

  it('a handful through the CLI: exit 0, or exit 2 with file:line:col and no stack trace', async () => {
    const ws = await makeWorkspace(path.join(dir, 'cli'))
    copyEvidence(ws.root)
    const q = await loadQuestionnaire(MINI)
    const base = serialiseAnswers(canonicalAnswersFile(q, {...MINI_RESPONSES, answers: {...MINI_RESPONSES.answers, 'mini.soc2': false}}), questionOrder(q))
    const rnd = prng(7)
    const codes: number[] = []
    for (let i = 0; i < 8; i++) {
      const file = path.join(ws.root, `cli-${i}.yaml`)
      writeFileSync(file, i === 0 ? base : mutate(base, rnd))
      const r = await runCli(['questionnaire', 'import', 'acme', file, '--questionnaire', MINI], {cwd: ws.root})
      codes.push(r.code)
      expect([0, 2], r.stderr).toContain(r.code)
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?$/m)
      if (r.code === 2) expect(r.stderr).toMatch(new RegExp(`cli-${i}\\.yaml:\\d+:\\d+: `))
    }
    expect(codes[0]).toBe(0)
    expect(codes.some((c) => c === 2)).toBe(true)
  })
})
