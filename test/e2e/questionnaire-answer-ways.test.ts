import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {loadQuestionnaire} from '../../src/questionnaire/load-questionnaire.js'
import {scopeQuestionnaire} from '../../src/questionnaire/jurisdiction-scope.js'
import type {AnswersFile} from '../../src/questionnaire/questionnaire-types.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {runCliWithInput} from '../helpers/cli-input.js'
import {MINI, copyEvidence, fillSheet, makeWorkspace} from '../helpers/questionnaire-workspace.js'
import {MINI_RESPONSES, terminalLines} from '../helpers/responses.js'
import {tempDir} from '../helpers/tmp.js'

export const demoAnswers = (): AnswersFile => ({...(parse(readFileSync(path.join(ROOT, 'templates', 'demo', 'answers.yaml'), 'utf8')) as AnswersFile), vendor: 'acme'})

/** Sheet → import, and terminal with piped stdin, for one set of responses; returns both answers files. */
const twoWays = async (dir: string, responses: AnswersFile, qArgs: string[]) => {
  // The vendor (templates/vendor.yaml: jurisdictions [US]) is asked only its jurisdiction's questions.
  const q = scopeQuestionnaire(await loadQuestionnaire(qArgs[1] ?? 'imaging-ai-vendor'), ['US'])
  const sheetWs = path.join(dir, 'sheet')
  await makeWorkspace(sheetWs)
  const exported = await runCli(['questionnaire', 'export', 'acme', '--output', '-', ...qArgs], {cwd: sheetWs})
  expect(exported.code, exported.stderr).toBe(0)
  const filled = path.join(sheetWs, 'filled.yaml')
  writeFileSync(filled, fillSheet(exported.stdout, responses))
  copyEvidence(sheetWs)
  const imported = await runCli(['questionnaire', 'import', 'acme', filled, ...qArgs], {cwd: sheetWs})
  expect(imported.code, imported.stderr).toBe(0)

  const termWs = path.join(dir, 'terminal')
  await makeWorkspace(termWs)
  copyEvidence(termWs)
  const lines = terminalLines(q, responses)
  const answered = await runCliWithInput(['questionnaire', 'answer', 'acme', ...qArgs], `${lines.join('\n')}\n`, {cwd: termWs})
  expect(answered.code, answered.stderr).toBe(0)
  return {
    sheet: readFileSync(path.join(sheetWs, 'vendors', 'acme', 'answers.yaml'), 'utf8'),
    terminal: readFileSync(path.join(termWs, 'vendors', 'acme', 'answers.yaml'), 'utf8'),
    termWs,
    terminalOut: answered.stdout,
  }
}

describe('the YAML sheet and the terminal give byte-identical answers files', () => {
  const dir = tempDir('scanvet-answer-ways-')

  it('for the mini questionnaire (every type, branching, an evidence file)', async () => {
    const r = await twoWays(path.join(dir, 'mini'), MINI_RESPONSES, ['--questionnaire', MINI])
    expect(r.terminal).toBe(r.sheet)
    const data = parse(r.sheet) as AnswersFile
    expect(data.answers['mini.regions']).toEqual(['us', 'eu'])
    expect(data.answers['mini.notes']).toBe(MINI_RESPONSES.answers['mini.notes'])
    expect(data.evidence?.['mini.encrypted']).toEqual({path: 'evidence/mini.encrypted/policy.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/)})
    expect(data.evidence?.['mini.soc2-report']).toEqual({path: 'evidence/mini.soc2-report/soc2.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/)})
    expect(existsSync(path.join(r.termWs, 'vendors', 'acme', 'evidence', 'mini.soc2-report', 'soc2.pdf'))).toBe(true)
    // The terminal asked the EU question only because regions was answered with eu.
    expect(r.terminalOut).toContain('What is the legal basis for EU transfers?')
  })

  it('for the bundled questionnaire with the demo vendor’s answers', async () => {
    const r = await twoWays(path.join(dir, 'bundled'), demoAnswers(), [])
    expect(r.terminal).toBe(r.sheet)
    expect(Object.keys((parse(r.sheet) as AnswersFile).answers).length).toBeGreaterThan(60)
  })

  it('the terminal resumes where an interrupted session stopped and ends with the same file', async () => {
    const q = await loadQuestionnaire(MINI)
    const ws = path.join(dir, 'resume')
    await makeWorkspace(ws)
    copyEvidence(ws)
    const lines = terminalLines(q, MINI_RESPONSES)
    const cut = 8
    const first = await runCliWithInput(['questionnaire', 'answer', 'acme', '--questionnaire', MINI], `${lines.slice(0, cut).join('\n')}\n`, {cwd: ws})
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain('Run the same command again to carry on')
    const partial = parse(readFileSync(path.join(ws, 'vendors', 'acme', 'answers.yaml'), 'utf8')) as AnswersFile
    expect(Object.keys(partial.answers)).toEqual(['mini.hosting', 'mini.encrypted', 'mini.algorithm', 'mini.regions'])
    expect(partial.evidence?.['mini.encrypted']?.path).toBe('evidence/mini.encrypted/policy.pdf')
    const second = await runCliWithInput(['questionnaire', 'answer', 'acme', '--questionnaire', MINI, '--json'], `${lines.slice(cut).join('\n')}\n`, {cwd: ws})
    expect(second.code, second.stderr).toBe(0)
    expect(JSON.parse(second.stdout)).toMatchObject({complete: true, requiredOpen: []})
    const whole = await twoWays(path.join(dir, 'resume-ref'), MINI_RESPONSES, ['--questionnaire', MINI])
    expect(readFileSync(path.join(ws, 'vendors', 'acme', 'answers.yaml'), 'utf8')).toBe(whole.terminal)
  })

  it('the terminal re-asks after a wrong answer and hides questions whose condition fails', async () => {
    const ws = path.join(dir, 'reask')
    await makeWorkspace(ws)
    const input = ['', '', '', '9', 'on-prem', 'maybe', 'n', 'missing.pdf', '', '2', ''].join('\n')
    const r = await runCliWithInput(['questionnaire', 'answer', 'acme', '--questionnaire', MINI], `${input}\n`, {cwd: ws})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain("'mini.hosting' expects one of: cloud, on-prem, hybrid")
    expect(r.stdout).toContain("'mini.encrypted' expects yes or no")
    expect(r.stdout).not.toContain('Which algorithm?')
    expect(r.stdout).toContain('Document backing this answer (policy)')
    expect(r.stdout).toMatch(/✗ no file .*missing\.pdf/)
    const saved = parse(readFileSync(path.join(ws, 'vendors', 'acme', 'answers.yaml'), 'utf8')) as AnswersFile
    expect(saved.answers).toEqual({'mini.hosting': 'on-prem', 'mini.encrypted': false, 'mini.regions': ['eu']})
  })
})
