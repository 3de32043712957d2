import {createHash} from 'node:crypto'
import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import PDFDocument from 'pdfkit'
import type {Page} from 'playwright-core'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {askedAndAnswered, questionOrder} from '../../src/questionnaire/canonical-answers.js'
import {MAX_DOCUMENT_BYTES} from '../../src/questionnaire/embedded-document.js'
import {scopeQuestionnaire} from '../../src/questionnaire/jurisdiction-scope.js'
import {loadQuestionnaire} from '../../src/questionnaire/load-questionnaire.js'
import type {AnswersFile, Questionnaire} from '../../src/questionnaire/questionnaire-types.js'
import {serialiseAnswers} from '../../src/questionnaire/serialise-answers.js'
import type {Jurisdiction} from '../../src/workspace/workspace-types.js'
import {fillForm, openForm, withPage} from '../helpers/chromium-form.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {MINI, makeWorkspace} from '../helpers/questionnaire-workspace.js'
import {tempDir} from '../helpers/tmp.js'

const ARTEFACTS = path.join(ROOT, 'test', 'interop', 'artefacts')

/** A small synthetic PDF (pdfkit, fixed dates so the bytes are the same every run). */
const makePdf = (): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const doc = new PDFDocument({size: 'A4', info: {CreationDate: new Date('2026-01-01T00:00:00Z'), Title: 'Business associate agreement'}})
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.fontSize(18).text('Business associate agreement (test document)')
    doc.fontSize(11).text('Signed by Acme Imaging AI and Test Practice. Synthetic file for the form test.')
    doc.end()
  })

/** "P30D" as a person writes it: "30 days"; the form turns it back into ISO 8601. */
const inWords = (iso: string): string => {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?)?$/.exec(iso)
  if (!m) return iso
  const units = ['years', 'months', 'weeks', 'days', 'hours']
  return m.slice(1).flatMap((n, i) => (n === undefined ? [] : [`${n} ${units[i]}`])).join(' ')
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')

// WCAG 2.x relative luminance and contrast ratio.
const luminance = ([r, g, b]: number[]): number => {
  const c = (v: number) => {
    const s = v / 255
    return s <= 0.039_28 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * c(r!) + 0.7152 * c(g!) + 0.0722 * c(b!)
}
const contrast = (a: number[], b: number[]): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number]
  return (x + 0.05) / (y + 0.05)
}

/** Text colour and effective background (the first opaque one up the tree) of the first element matching each selector. */
// Runs in the page (a string, so the test needs no DOM types).
const COLOURS_IN_PAGE = `(sels) => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number)
  return sels.map((sel) => {
    const e = document.querySelector(sel)
    if (!e) return {sel, fg: [], bg: [], missing: true}
    let n = e
    let bg = [255, 255, 255]
    while (n) {
      const c = rgb(getComputedStyle(n).backgroundColor)
      if (c.length >= 3 && (c.length < 4 || c[3] > 0)) { bg = c.slice(0, 3); break }
      n = n.parentElement
    }
    return {sel, fg: rgb(getComputedStyle(e).color).slice(0, 3), bg, missing: false}
  })
}`
const coloursOf = (page: Page, selectors: readonly string[]): Promise<{sel: string; fg: number[]; bg: number[]; missing: boolean}[]> =>
  page.evaluate(`(${COLOURS_IN_PAGE})(${JSON.stringify(selectors)})`)

const TEXT_SELECTORS = ['body', 'h1', '.intro', '.q .text', '.q .help', '.q .when', '.req', 'nav#toc a', 'nav#toc .count', '.attached', '.attach-err', '#progress', '#status', '.q label.opt', 'input[type=text]']

describe('the HTML form attaches documents inside the answers file, and import stores them with their hash', () => {
  const dir = tempDir('scanvet-form-attach-')

  it('bundled questionnaire: every question filled, a PDF attached, saved, imported; tampering and an oversized file refused', async () => {
    const ws = path.join(dir, 'bundled')
    await makeWorkspace(ws)
    const vendorYaml = parse(readFileSync(path.join(ws, 'vendors', 'acme', 'vendor.yaml'), 'utf8')) as {jurisdictions: Jurisdiction[]}
    const q: Questionnaire = scopeQuestionnaire(await loadQuestionnaire('imaging-ai-vendor'), vendorYaml.jurisdictions)
    const demo = {...(parse(readFileSync(path.join(ROOT, 'templates', 'demo', 'answers.yaml'), 'utf8')) as AnswersFile), vendor: 'acme'}
    const html = path.join(ws, 'form.html')
    const exported = await runCli(['questionnaire', 'export', 'acme', '--format', 'html', '-o', html], {cwd: ws})
    expect(exported.code, exported.stderr).toBe(0)

    // The first two evidence questions the demo answers lead to: one gets the PDF, one a too-big file.
    const asked = askedAndAnswered(q, demo.answers).asked
    const byId = new Map(q.sections.flatMap((s) => s.questions).map((x) => [x.id, x] as const))
    const withEvidence = asked.filter((id) => (byId.get(id)!.evidence ?? []).length > 0 && byId.get(id)!.type !== 'evidence-file')
    const [attachTo, tooBigFor] = withEvidence as [string, string]
    expect(tooBigFor).toBeDefined()
    const pdf = await makePdf()
    const saved = path.join(ws, 'downloaded.yaml')

    const requests: string[] = []
    const contrastProblems: string[] = []
    await withPage(async (page) => {
      page.on('request', (req) => requests.push(req.url()))
      await page.setViewportSize({width: 1280, height: 900})
      await openForm(page, html)
      // Section list and progress before anything is answered.
      expect(await page.locator('nav#toc a').count()).toBeGreaterThan(3)
      expect(await page.locator('#progress').textContent()).toMatch(/^0 of \d+ answered/)

      // Conditions are worded for the vendor: earlier questions by their text, never by id.
      const hints = await page.locator('.q .when').allTextContents()
      expect(hints.some((h) => h.includes('Asked because you answered “Yes” to “'))).toBe(true)
      expect(hints.filter((h) => /Asked because [^“]*\b[a-z]+\.[a-z0-9-]+\b/.test(h))).toEqual([])

      await fillForm(page, q, demo, {typeDuration: inWords})
      const answered = Object.keys(askedAndAnswered(q, demo.answers).answers).length
      const total = askedAndAnswered(q, demo.answers).asked.length
      expect(await page.locator('#progress').textContent()).toContain(`${answered} of ${total} answered`)

      // Attach the PDF through the file input, as a vendor would.
      const block = page.locator(`[data-q="${attachTo}"]`)
      await block.locator(`input[type=file][name="a:${attachTo}"]`).setInputFiles({name: 'signed BAA.pdf', mimeType: 'application/pdf', buffer: pdf})
      await expect.poll(() => block.locator('.attached').textContent()).toContain('Attached: signed BAA.pdf')
      expect(await block.locator('.attached').textContent()).toContain(sha256(pdf).slice(0, 12))

      // A file over the cap is refused in the page, with a visible reason, and nothing is attached.
      const big = page.locator(`[data-q="${tooBigFor}"]`)
      await big.locator(`input[type=file][name="a:${tooBigFor}"]`).setInputFiles({name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20)})
      await expect.poll(() => big.locator('.attach-err').textContent()).toContain('may be at most 10 MiB')
      expect(await big.locator('.attach-err').isVisible()).toBe(true)
      expect(await big.locator('.attached').textContent()).toBe('')

      // Screenshots: 1280 and 390 px wide, light and dark; the dark palette must pass WCAG AA for text.
      for (const width of [1280, 390]) {
        for (const scheme of ['light', 'dark'] as const) {
          await page.setViewportSize({width, height: width === 390 ? 844 : 900})
          await page.emulateMedia({colorScheme: scheme})
          await page.evaluate('window.scrollTo(0, 0)')
          await page.screenshot({path: path.join(ARTEFACTS, `form-${width}-${scheme}.png`)})
          await big.scrollIntoViewIfNeeded()
          await block.evaluate((e: {scrollIntoView: (o: object) => void}) => e.scrollIntoView({block: 'start'}))
          await page.screenshot({path: path.join(ARTEFACTS, `form-${width}-${scheme}-attached.png`)})
          for (const c of await coloursOf(page, TEXT_SELECTORS)) {
            if (c.missing) contrastProblems.push(`${scheme}: ${c.sel} not found`)
            else if (contrast(c.fg, c.bg) < 4.5) contrastProblems.push(`${scheme} ${width}: ${c.sel} ${contrast(c.fg, c.bg).toFixed(2)}:1 (rgb ${c.fg} on ${c.bg})`)
          }
        }
      }
      await page.emulateMedia({colorScheme: 'light'})

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')])
      await download.saveAs(saved)
      expect(await page.locator('#status').textContent()).toContain('Every required question is answered')
    })
    expect(contrastProblems).toEqual([])
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:'))).toEqual([])
    for (const f of ['form-1280-light.png', 'form-1280-dark.png', 'form-390-light.png', 'form-390-dark.png']) {
      const png = readFileSync(path.join(ARTEFACTS, f))
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      // IHDR width, in CSS pixels at device scale 1.
      expect(png.readUInt32BE(16)).toBe(f.includes('1280') ? 1280 : 390)
    }

    // The download carries the document: name, size, hash, base64; and the page's serialiser is the library's.
    const text = readFileSync(saved, 'utf8')
    const file = parse(text) as AnswersFile
    const entry = file.evidence![attachTo] as {name: string; size: number; sha256: string; content: string}
    expect(entry.name).toBe('signed BAA.pdf')
    expect(entry.size).toBe(pdf.length)
    expect(entry.sha256).toBe(sha256(pdf))
    expect(Buffer.from(entry.content.replace(/\s+/g, ''), 'base64').equals(pdf)).toBe(true)
    expect(file.evidence![tooBigFor]).toBeUndefined()
    expect(serialiseAnswers(file, questionOrder(q))).toBe(text)
    // Durations typed in words were saved as ISO 8601.
    for (const [id, v] of Object.entries(demo.answers)) if (byId.get(id)?.type === 'duration' && asked.includes(id)) expect(file.answers[id]).toBe(v)

    // Tampered base64 (same length, one character changed): refused at the content's line, nothing written.
    const lines = text.split('\n')
    const contentLine = lines.findIndex((l, i) => l === '    content: |-' && lines[i - 4] === `  ${attachTo}:`) + 1
    expect(contentLine).toBeGreaterThan(0)
    const victim = lines[contentLine]!
    const flip = victim[10] === 'A' ? 'B' : 'A'
    lines[contentLine] = `${victim.slice(0, 10)}${flip}${victim.slice(11)}`
    const tampered = path.join(ws, 'tampered.yaml')
    writeFileSync(tampered, lines.join('\n'))
    const refused = await runCli(['questionnaire', 'import', 'acme', tampered], {cwd: ws})
    expect(refused.code, refused.stderr).toBe(2)
    expect(refused.stderr).toMatch(new RegExp(`tampered\\.yaml:${contentLine}:\\d+`))
    expect(refused.stderr).toContain('does not match its SHA-256')
    expect(existsSync(path.join(ws, 'vendors', 'acme', 'answers.yaml'))).toBe(false)
    expect(existsSync(path.join(ws, 'vendors', 'acme', 'evidence'))).toBe(false)

    // The saved file imports; the document is stored in the vendor folder, and answers.yaml records path + hash.
    const imported = await runCli(['questionnaire', 'import', 'acme', saved, '--json'], {cwd: ws})
    expect(imported.code, imported.stderr).toBe(0)
    const result = JSON.parse(imported.stdout) as {evidence: {questionId: string; sha256: string}[]}
    expect(result.evidence).toEqual([expect.objectContaining({questionId: attachTo, sha256: sha256(pdf)})])
    const storedText = readFileSync(path.join(ws, 'vendors', 'acme', 'answers.yaml'), 'utf8')
    expect(storedText).not.toMatch(/^ +content:/m)
    const stored = parse(storedText) as AnswersFile
    const rec = stored.evidence![attachTo]!
    expect(rec.sha256).toBe(sha256(pdf))
    const onDisk = path.join(ws, 'vendors', 'acme', rec.path!)
    expect(statSync(onDisk).isFile()).toBe(true)
    expect(sha256(readFileSync(onDisk))).toBe(sha256(pdf))
  }, 240_000)

  it('keeps the respondent’s name, role and e-mail (and the answers) across a reload; a document just under the cap is attached and saved', async () => {
    const ws = path.join(dir, 'reload')
    await makeWorkspace(ws)
    const html = path.join(ws, 'form.html')
    expect((await runCli(['questionnaire', 'export', 'acme', '--format', 'html', '-o', html, '--questionnaire', MINI], {cwd: ws})).code).toBe(0)
    await withPage(async (page) => {
      await openForm(page, html)
      await page.fill('#respondent-name', 'Ada Lovelace')
      await page.fill('#respondent-role', 'CISO')
      await page.fill('#respondent-email', 'ada@acme.example')
      await page.locator('[data-q="mini.hosting"] input[value="cloud"]').check()
      await page.locator('[data-q="mini.retention"] input').fill('6 months')
      await page.reload()
      await page.waitForSelector('body[data-ready="true"]')
      expect(await page.inputValue('#respondent-name')).toBe('Ada Lovelace')
      expect(await page.inputValue('#respondent-role')).toBe('CISO')
      expect(await page.inputValue('#respondent-email')).toBe('ada@acme.example')
      expect(await page.locator('[data-q="mini.hosting"] input[value="cloud"]').isChecked()).toBe(true)
      // A document just under the cap goes through the page: read, hashed, base64, serialised, downloaded.
      const nearCap = Buffer.alloc(MAX_DOCUMENT_BYTES - 1, 0x41)
      await page.locator('[data-q="mini.encrypted"] input[value="no"]').check()
      await page.locator('input[type=file][name="a:mini.encrypted"]').setInputFiles({name: 'policy.pdf', mimeType: 'application/pdf', buffer: nearCap})
      await expect.poll(() => page.locator('[data-q="mini.encrypted"] .attached').textContent(), {timeout: 30_000}).toContain('Attached: policy.pdf')
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')])
      const out = path.join(ws, 'saved.yaml')
      await download.saveAs(out)
      const saved = parse(readFileSync(out, 'utf8')) as AnswersFile
      expect(saved.respondent).toEqual({name: 'Ada Lovelace', role: 'CISO', email: 'ada@acme.example'})
      expect(saved.answers['mini.retention']).toBe('P6M')
      const doc = saved.evidence!['mini.encrypted'] as {size: number; sha256: string}
      expect(doc.size).toBe(MAX_DOCUMENT_BYTES - 1)
      expect(doc.sha256).toBe(sha256(nearCap))
    })
  })
})
