import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {Page} from 'playwright-core'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {questionOrder} from '../../src/questionnaire/canonical-answers.js'
import {scopeQuestionnaire} from '../../src/questionnaire/jurisdiction-scope.js'
import {loadQuestionnaire} from '../../src/questionnaire/load-questionnaire.js'
import type {AnswersFile, Questionnaire} from '../../src/questionnaire/questionnaire-types.js'
import type {Jurisdiction} from '../../src/workspace/workspace-types.js'
import {serialiseAnswers} from '../../src/questionnaire/serialise-answers.js'
import {fillForm, openForm, withPage} from '../helpers/chromium-form.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {runCliWithInput} from '../helpers/cli-input.js'
import {MINI, copyEvidence, fillSheet, makeWorkspace} from '../helpers/questionnaire-workspace.js'
import {MINI_RESPONSES, terminalLines} from '../helpers/responses.js'
import {tempDir} from '../helpers/tmp.js'

const demoAnswers = (): AnswersFile => ({...(parse(readFileSync(path.join(ROOT, 'templates', 'demo', 'answers.yaml'), 'utf8')) as AnswersFile), vendor: 'acme'})

interface FormRun {
  readonly download: string
  readonly requests: readonly string[]
}

const saveFromForm = async (html: string, q: Questionnaire, r: AnswersFile, out: string): Promise<FormRun> =>
  withPage(async (page) => {
    const requests: string[] = []
    page.on('request', (req) => requests.push(req.url()))
    await openForm(page, html)
    await fillForm(page, q, r)
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')])
    await download.saveAs(out)
    return {download: readFileSync(out, 'utf8'), requests}
  })

const expect_ = expect
const expectVisible = async (page: Page, sel: string, visible: boolean) => expect_(await page.locator(sel).isVisible()).toBe(visible)

describe('the HTML form in Chromium saves the same answers file as the sheet and the terminal', () => {
  const dir = tempDir('scanvet-html-form-')

  const threeWays = async (name: string, responses: AnswersFile, qArgs: string[]) => {
    // 1. The HTML form: export, fill in Chromium, save, import the download.
    const formWs = path.join(dir, name, 'form')
    await makeWorkspace(formWs)
    // The questionnaire as asked of this vendor: only the questions of its jurisdictions (issue 12).
    const vendorYaml = parse(readFileSync(path.join(formWs, 'vendors', 'acme', 'vendor.yaml'), 'utf8')) as {jurisdictions: Jurisdiction[]}
    const q = scopeQuestionnaire(await loadQuestionnaire(qArgs[1] ?? 'imaging-ai-vendor'), vendorYaml.jurisdictions)
    const html = path.join(formWs, 'form.html')
    const exported = await runCli(['questionnaire', 'export', 'acme', '--format', 'html', '-o', html, ...qArgs], {cwd: formWs})
    expect(exported.code, exported.stderr).toBe(0)
    const saved = path.join(formWs, 'downloaded.yaml')
    copyEvidence(formWs)
    const run = await saveFromForm(html, q, responses, saved)
    // The page made no request beyond loading itself and its own download.
    expect(run.requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:'))).toEqual([])
    // The page's serialiser is the library's: re-serialising what it saved gives the same bytes.
    const parsedDownload = parse(run.download) as AnswersFile
    expect(serialiseAnswers(parsedDownload, questionOrder(q))).toBe(run.download)
    const imported = await runCli(['questionnaire', 'import', 'acme', saved, ...qArgs], {cwd: formWs})
    expect(imported.code, imported.stderr).toBe(0)
    // 2. The YAML sheet.
    const sheetWs = path.join(dir, name, 'sheet')
    await makeWorkspace(sheetWs)
    const sheet = await runCli(['questionnaire', 'export', 'acme', '-o', '-', ...qArgs], {cwd: sheetWs})
    writeFileSync(path.join(sheetWs, 'filled.yaml'), fillSheet(sheet.stdout, responses))
    copyEvidence(sheetWs)
    expect((await runCli(['questionnaire', 'import', 'acme', 'filled.yaml', ...qArgs], {cwd: sheetWs})).code).toBe(0)
    // 3. The terminal, stdin a pipe.
    const termWs = path.join(dir, name, 'terminal')
    await makeWorkspace(termWs)
    copyEvidence(termWs)
    const term = await runCliWithInput(['questionnaire', 'answer', 'acme', ...qArgs], `${terminalLines(q, responses).join('\n')}\n`, {cwd: termWs})
    expect(term.code, term.stderr).toBe(0)
    const file = (ws: string) => readFileSync(path.join(ws, 'vendors', 'acme', 'answers.yaml'), 'utf8')
    return {form: file(formWs), sheet: file(sheetWs), terminal: file(termWs), download: run.download}
  }

  it('mini questionnaire: every type, branching, an evidence file', async () => {
    const r = await threeWays('mini', MINI_RESPONSES, ['--questionnaire', MINI])
    expect(r.form).toBe(r.sheet)
    expect(r.terminal).toBe(r.sheet)
    expect(r.form).toContain('sha256:')
    // Before import the download is the same file, except that import hashes and stores the evidence files.
    expect(r.download.split('evidence:')[0]).toBe(r.form.split('evidence:')[0])
    expect(r.download.split('evidence:')[1]).toBe('\n  mini.encrypted:\n    path: policy.pdf\n')
  })

  it('bundled questionnaire with the demo vendor’s answers', async () => {
    const r = await threeWays('bundled', demoAnswers(), [])
    expect(r.form).toBe(r.sheet)
    expect(r.terminal).toBe(r.sheet)
    // No evidence files here: the download itself is already the canonical file import writes.
    expect(r.download).toBe(r.form)
  })

  it('shows conditional questions as they become relevant, marks required ones, and drops hidden answers', async () => {
    const ws = path.join(dir, 'conditional')
    await makeWorkspace(ws)
    const html = path.join(ws, 'form.html')
    expect((await runCli(['questionnaire', 'export', 'acme', '--format', 'html', '-o', html, '--questionnaire', MINI], {cwd: ws})).code).toBe(0)
    await withPage(async (page) => {
      await openForm(page, html)
      await expectVisible(page, '[data-q="mini.algorithm"]', false)
      await expectVisible(page, '[data-q="mini.eu-basis"]', false)
      expect(await page.locator('[data-q="mini.encrypted"] .req').textContent()).toBe('required')
      expect(await page.locator('[data-q="mini.algorithm"] .req').count()).toBe(0)
      await page.locator('[data-q="mini.encrypted"] input[value="yes"]').check()
      await expectVisible(page, '[data-q="mini.algorithm"]', true)
      await page.locator('[data-q="mini.algorithm"] input[value="aes-256"]').check()
      await page.locator('[data-q="mini.regions"] input[value="uk"]').check()
      await expectVisible(page, '[data-q="mini.eu-basis"]', true)
      await page.locator('[data-q="mini.eu-basis"] input[value="dpf"]').check()
      // Change of mind: no encryption, no UK. Both follow-ups disappear and are not saved.
      await page.locator('[data-q="mini.encrypted"] input[value="no"]').check()
      await page.locator('[data-q="mini.regions"] input[value="uk"]').uncheck()
      await expectVisible(page, '[data-q="mini.algorithm"]', false)
      await expectVisible(page, '[data-q="mini.eu-basis"]', false)
      await page.locator('[data-q="mini.retention"] input').fill('thirty days')
      await page.click('#save')
      expect(await page.locator('#status').textContent()).toContain('fix 1 answer')
      await page.locator('[data-q="mini.retention"] input').fill('P30D')
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')])
      const out = path.join(ws, 'partial.yaml')
      await download.saveAs(out)
      expect(readFileSync(out, 'utf8')).toBe(
        ['questionnaire: mini', 'version: "2026.2"', 'vendor: acme', 'answers:', '  mini.encrypted: false', '  mini.retention: P30D', ''].join('\n'),
      )
      // Required questions still open are listed by their text, each a link that scrolls to the question.
      expect(await page.locator('#status').textContent()).toContain('required question(s) still to answer')
      expect(await page.locator('#missing a').allTextContents()).toContain('Where is the service hosted?')
      // The link scrolls to the question and puts the cursor in it.
      await page.evaluate('window.scrollTo(0, document.body.scrollHeight)')
      await page.locator('#missing a', {hasText: 'Where is the service hosted?'}).click()
      const top = await page.locator('[data-q="mini.hosting"]').evaluate((e: {getBoundingClientRect: () => {top: number}}) => e.getBoundingClientRect().top)
      expect(top).toBeGreaterThanOrEqual(0)
      expect(top).toBeLessThan(200)
      expect(await page.evaluate('document.activeElement && document.activeElement.name')).toBe('q:mini.hosting')
    })
  })
})
