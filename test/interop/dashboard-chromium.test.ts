import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {ConditionRecord} from '../../src/conditions/record-types.js'
import type {DashboardModel, DashboardVendor} from '../../src/dashboard/dashboard-model.js'
import {renderDashboard} from '../../src/dashboard/render-dashboard.js'
import {ROOT} from '../helpers/cli.js'

/*
 * The dashboard in Debian's Chromium (playwright-core, executablePath /usr/bin/chromium, never a downloaded
 * browser). The page is rendered from a hand-made model of four vendors (the four-quarter e2e test covers
 * gathering it from a real workspace); one vendor's name is hostile HTML, one verdict is an id the wording
 * file does not know. Screenshots are kept in test/interop/artefacts/.
 */
const ARTEFACTS = path.join(ROOT, 'test', 'interop', 'artefacts')

const condition = (id: string, due: string, o: Partial<ConditionRecord> = {}): ConditionRecord => ({
  id,
  ruleId: id.split('@')[0]!,
  title: `Title of ${id}`,
  severity: 'medium',
  owner: 'vendor',
  ask: `Ask the vendor to fix ${id}`,
  state: 'open',
  due,
  overdue: false,
  openedIn: '2026-09-01-1',
  history: [],
  ...o,
})

const vendor = (o: Partial<DashboardVendor> & Pick<DashboardVendor, 'id' | 'name'>): DashboardVendor => ({
  nextDue: '2027-03-01',
  due: 'not-due',
  trend: [],
  conditions: [],
  expiring: [],
  pending: [],
  ...o,
})

const MODEL: DashboardModel = {
  organisation: 'Riverside Community Imaging (test)',
  generatedAt: '2026-12-03T09:00:00.000Z',
  horizonDays: 90,
  vendors: [
    vendor({
      id: 'alpha',
      name: 'Alpha Imaging',
      decision: 'approved-with-conditions',
      previousDecision: 'not-approved',
      lastAssessed: '2026-12-01',
      trend: [
        {id: 'r1', date: '2026-06-01', decision: 'not-approved', failing: 9},
        {id: 'r2', date: '2026-09-01', decision: 'approved-with-conditions', failing: 5},
        {id: 'r3', date: '2026-12-01', decision: 'approved-with-conditions', failing: 3},
      ],
      conditions: [
        condition('tls-ocsp-stapling@https://alpha.example/v1', '2026-11-30', {overdue: true}),
        condition('at-rest.fips-module', '2027-02-01', {state: 'risk-accepted', decision: {by: 'R. Example', reason: 'Encrypted before upload', at: '2026-10-01T00:00:00Z'}}),
      ],
      expiring: [{kind: 'certificate', label: 'TLS certificate of https://alpha.example/v1', expires: '2027-01-15', daysLeft: 43, state: 'expiring', source: 'assessment r3'}],
      reportHref: 'vendors/alpha/assessments/2026-12-01-1/report.pdf',
    }),
    vendor({
      id: 'bravo',
      name: 'Bravo Radiology AI',
      decision: 'not-approved',
      previousDecision: 'approved',
      trend: [
        {id: 'r1', date: '2026-09-01', decision: 'approved', failing: 0},
        {id: 'r2', date: '2026-12-01', decision: 'not-approved', failing: 4},
      ],
      conditions: [condition('baa-signed', '2026-12-01', {severity: 'critical'})],
      expiring: [{kind: 'document', label: 'BAA (baa)', expires: '2026-11-20', daysLeft: -13, state: 'expired', source: 'vendor.yaml'}],
      pending: [{kind: 'retention-canary', label: 'retention canary SCANVET-CANARY-1 (DX) at https://bravo.example/dicom-web', due: '2026-12-20', state: 'waiting'}],
      reportHref: 'vendors/bravo/assessments/2026-12-01-1/report.pdf',
    }),
    vendor({id: 'charlie', name: '<img src=x onerror=alert(1)><script>alert(2)</script>Charlie', decision: 'deferred-review' as DashboardVendor['decision'], trend: [{id: 'r1', date: '2026-12-01', decision: 'deferred-review' as DashboardVendor['decision'] & string, failing: 1}]}),
    vendor({id: 'delta', name: 'Delta Never Assessed', due: 'never-assessed', nextDue: '2026-12-03'}),
  ],
}

describe('scanvet dashboard in Chromium', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scanvet-dashboard-'))
  const file = path.join(dir, 'dashboard.html')
  const profile = mkdtempSync(path.join(os.tmpdir(), 'scanvet-chromium-'))
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>>
  let page: Page
  const problems: string[] = []
  const requests: string[] = []

  beforeAll(async () => {
    writeFileSync(file, renderDashboard(MODEL))
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
    page = await context.newPage()
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`)
      void d.dismiss()
    })
    page.on('request', (r) => requests.push(r.url()))
    await page.setViewportSize({width: 1280, height: 900})
    await page.goto(pathToFileURL(file).href)
  }, 60_000)

  afterAll(async () => {
    await context?.close()
    rmSync(profile, {recursive: true, force: true})
    rmSync(dir, {recursive: true, force: true})
  })

  it('shows every vendor with its verdict, trend, conditions and report link', async () => {
    const rows = page.locator('#vendors tbody tr')
    expect(await rows.count()).toBe(4)
    // Worst verdict first (DECISIONS order): not approved before approved with conditions.
    const names = await page.locator('#vendors tbody tr td:first-child strong').allTextContents()
    expect(names.indexOf('Bravo Radiology AI')).toBeLessThan(names.indexOf('Alpha Imaging'))
    const alpha = page.locator('#vendors tr[data-vendor="alpha"]')
    expect(await alpha.locator('.badge').textContent()).toBe('APPROVED WITH CONDITIONS')
    expect(await alpha.locator('svg circle').count()).toBe(3)
    expect(await alpha.textContent()).toContain('1 (1 overdue)')
    expect(await alpha.locator('a').getAttribute('href')).toBe('vendors/alpha/assessments/2026-12-01-1/report.pdf')
    expect(await page.locator('#vendors tr[data-vendor="bravo"]').textContent()).toContain('worse')
    // A decision id the wording file does not know still renders, labelled by its id.
    expect(await page.locator('#vendors tr[data-vendor="charlie"] .badge').textContent()).toBe('DEFERRED REVIEW')
    expect(await page.locator('#vendors tr[data-vendor="delta"]').textContent()).toContain('never assessed')
  })

  it('lists conditions by due date with overdue marked, evidence expiring, pending canaries', async () => {
    const dues = await page.locator('#conditions tbody tr td:first-child').allTextContents()
    expect(dues).toEqual(['2026-11-30', '2026-12-01', '2027-02-01']) // overdue first, then by due date
    expect(await page.locator('#conditions tbody tr').first().locator('.overdue').count()).toBeGreaterThan(0)
    expect(await page.locator('#conditions tbody tr', {hasText: 'tls-ocsp-stapling'}).locator('.overdue').first().textContent()).toBe('2026-11-30')
    expect(await page.locator('#conditions').textContent()).toContain('risk accepted by R. Example: Encrypted before upload')
    expect(await page.locator('#expiring').textContent()).toContain('expired')
    expect(await page.locator('#pending tbody tr').count()).toBe(1)
  })

  it('hostile text is shown as text: no script ran, no element was injected', async () => {
    expect(await page.locator('script').count()).toBe(1)
    expect(await page.locator('img').count()).toBe(0)
    expect(await page.locator('#vendors tr[data-vendor="charlie"] strong').textContent()).toContain('<script>alert(2)</script>')
  })

  it('sorts by a column and filters by text and verdict, without a framework', async () => {
    await page.locator('#vendors th', {hasText: 'Vendor'}).locator('button').click()
    expect(await page.locator('#vendors tbody tr td:first-child strong').first().textContent()).toMatch(/^<img/) // "<" sorts first
    await page.locator('#vendors th', {hasText: 'Vendor'}).locator('button').click()
    expect(await page.locator('#vendors th', {hasText: 'Vendor'}).getAttribute('aria-sort')).toBe('descending')
    expect(await page.locator('#vendors tbody tr td:first-child strong').first().textContent()).toBe('Delta Never Assessed')
    await page.fill('#filter', 'bravo')
    expect(await page.locator('#vendors tbody tr:visible').count()).toBe(1)
    expect(await page.locator('#conditions tbody tr:visible').count()).toBe(1)
    await page.fill('#filter', '')
    await page.selectOption('#verdict', 'approved-with-conditions')
    expect(await page.locator('#vendors tbody tr:visible').count()).toBe(1)
    await page.selectOption('#verdict', '')
    expect(await page.locator('#vendors tbody tr:visible').count()).toBe(4)
  })

  it('screenshots at 1280 and 390 px; at 390 the page does not scroll sideways', async () => {
    await page.setViewportSize({width: 1280, height: 900})
    await page.screenshot({path: path.join(ARTEFACTS, 'dashboard-1280.png'), fullPage: true})
    await page.setViewportSize({width: 390, height: 844})
    await page.screenshot({path: path.join(ARTEFACTS, 'dashboard-390.png'), fullPage: true})
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390)
    // On a phone each vendor is a card: its verdict, trend and conditions are within the screen, labelled.
    for (const sel of ['.badge', 'svg', 'td[data-label="Conditions"]']) {
      const box = await page.locator(`#vendors tr[data-vendor="alpha"] ${sel}`).boundingBox()
      expect(box, sel).not.toBeNull()
      expect(box!.x + box!.width, sel).toBeLessThanOrEqual(390)
    }
  })

  it('prints: the controls are hidden on paper', async () => {
    await page.emulateMedia({media: 'print'})
    expect(await page.locator('.controls').isVisible()).toBe(false)
    const pdf = await page.pdf({format: 'Letter'})
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    await page.emulateMedia({media: 'screen'})
  })

  it('no console error, no CSP violation, and no request leaves the page', () => {
    expect(problems).toEqual([])
    expect(requests).toEqual([pathToFileURL(file).href])
  })
})
