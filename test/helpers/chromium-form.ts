import {mkdtempSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium, type Page} from 'playwright-core'
import {expect} from 'vitest'

import {askedAndAnswered} from '../../src/questionnaire/canonical-answers.js'
import type {AnswersFile, Questionnaire} from '../../src/questionnaire/questionnaire-types.js'

/** Open an exported form and wait until its script has set it up. */
export const openForm = async (page: Page, html: string): Promise<void> => {
  await page.goto(pathToFileURL(html).href)
  await page.waitForSelector('body[data-ready="true"]')
}

/**
 * Debian's chromium (never a downloaded browser), each time with a fresh user-data-dir, so no draft kept by
 * the form in localStorage carries over, and with background traffic switched off.
 */
export const withPage = async <T>(fn: (page: Page) => Promise<T>): Promise<T> => {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'scanvet-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  try {
    return await fn(await context.newPage())
  } finally {
    await context.close()
    rmSync(profile, {recursive: true, force: true})
  }
}

export interface FillOptions {
  /** How a duration answer is typed (default: as the ISO value it is). */
  readonly typeDuration?: (iso: string) => string
}

/** Answer every question that the form shows, in order, as a person would with mouse and keyboard. */
export const fillForm = async (page: Page, q: Questionnaire, r: AnswersFile, opts: FillOptions = {}): Promise<void> => {
  const who = r.respondent ?? {}
  if (who.name) await page.fill('#respondent-name', who.name)
  if (who.role) await page.fill('#respondent-role', who.role)
  if (who.email) await page.fill('#respondent-email', who.email)
  const byId = new Map(q.sections.flatMap((s) => s.questions).map((x) => [x.id, x] as const))
  for (const id of askedAndAnswered(q, r.answers).asked) {
    const v = r.answers[id]
    if (v === undefined) continue
    const question = byId.get(id)!
    const block = page.locator(`[data-q="${id}"]`)
    expect(await block.isVisible(), `${id} should be shown`).toBe(true)
    if (question.type === 'yes-no') await block.locator(`input[value="${v ? 'yes' : 'no'}"]`).check()
    else if (question.type === 'single-choice') await block.locator(`input[value="${String(v)}"]`).check()
    else if (question.type === 'multi-choice') for (const x of [...(v as string[])].reverse()) await block.locator(`input[value="${x}"]`).check()
    else if (question.type === 'text') await block.locator('textarea[name^="q:"]').fill(String(v))
    else if (question.type === 'duration' && opts.typeDuration) await block.locator(`input[name="q:${id}"]`).fill(opts.typeDuration(String(v)))
    else await block.locator(`input[name="q:${id}"]`).fill(String(v))
    const doc = r.evidence?.[id]
    if (doc?.path && question.type !== 'evidence-file') await block.locator(`input[name="e:${id}"]`).fill(doc.path)
  }
}
