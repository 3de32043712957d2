import {promises as fs} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {runAssessment} from '../../src/assessment/run-assessment.js'
import {conditionLogFile} from '../../src/conditions/condition-log.js'
import type {ConditionRecord} from '../../src/conditions/record-types.js'
import {decideCondition, vendorConditions} from '../../src/conditions/vendor-conditions.js'
import {gatherDashboard} from '../../src/dashboard/dashboard-model.js'
import {renderDashboard} from '../../src/dashboard/render-dashboard.js'
import {startDemoVendor, type DemoVendor} from '../../src/demo/demo-vendor.js'
import {diffRounds} from '../../src/history/diff-rounds.js'
import type {AssessmentDiff} from '../../src/history/diff.js'
import {verifyHistory} from '../../src/history/verify-history.js'
import {issueCertificate} from '../../src/net/issue-certificate.js'
import {gatherStatus} from '../../src/status/gather-status.js'
import {statusToIcs} from '../../src/status/ics.js'
import type {WorkspaceStatus} from '../../src/status/status-types.js'
import {initWorkspace} from '../../src/workspace/init-workspace.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import type {Workspace} from '../../src/workspace/workspace-types.js'
import {runCli} from '../helpers/cli.js'
import {pdfText} from '../helpers/pdf-text.js'
import {demoAnswers, writeVendor} from '../helpers/quarter-workspace.js'
import {tempDir} from '../helpers/tmp.js'

/*
 * Four quarterly rounds of one vendor on an injected clock, against the real HTTPS demo vendor on 127.0.0.1.
 * Three conditions, each with its own fate, set up through the vendor's questionnaire answers:
 *   FIPS    at-rest.fips-module warns from Q1; the practice accepts it as a risk between Q1 and Q2.
 *   SIGNED  integrity.results-signed warns in Q1 and Q2; the vendor signs its results from Q3: fixed by the round.
 *   KEEP    retention.images-period passes in Q1–Q2, warns from Q3 (due Q3 + 90 days): overdue at Q4 (Q3 + 91).
 */
const DAY = 86_400_000
const Q1 = new Date(Date.now() + 60_000)
const quarter = (n: number) => new Date(Q1.getTime() + (n - 1) * 91 * DAY)
const day = (d: Date) => d.toISOString().slice(0, 10)
const FIPS = 'at-rest.fips-module'
const SIGNED = 'integrity.results-signed'
const KEEP = 'retention.images-period'
const REASON = 'Compensating control: images are encrypted by our PACS before upload (FIPS 140-3 module)'
const BY = 'R. Example, practice manager'

describe('conditions as records over four quarters', () => {
  const root = tempDir('scanvet-conditions-')
  let ws: Workspace
  let server: DemoVendor
  const reports: string[] = []
  const statuses: WorkspaceStatus[] = []
  let q4: readonly ConditionRecord[] = []
  let diff23: AssessmentDiff
  let caPem = ''

  const answers = (n: number) =>
    demoAnswers({
      [FIPS]: 'fips-140-2',
      [SIGNED]: n >= 3 ? 'dicom-signature' : 'transport-only',
      [KEEP]: n >= 3 ? 'P60D' : 'P30D',
    })
  const round = async (n: number) => {
    await writeVendor(ws, 'q', {caPem, port: server.port, answers: await answers(n)})
    const r = await runAssessment({workspace: ws, vendorId: 'q', now: () => quarter(n)})
    reports[n] = r.files.pdf
    statuses[n] = await gatherStatus(ws, {now: () => quarter(n)})
  }

  beforeAll(async () => {
    await initWorkspace({dir: root, organisation: 'Conditions Test Practice', assessor: 'Test Assessor'})
    ws = await loadWorkspace({cwd: root, workspace: root})
    const ca = await issueCertificate({subject: 'CN=conditions test CA', isCa: true, notAfter: new Date(Date.now() + 800 * DAY)})
    caPem = ca.certPem
    server = await startDemoVendor(undefined, {ca, leafNotAfter: new Date(Q1.getTime() + 700 * DAY)})
    await round(1)
    // A month after Q1 the practice accepts the FIPS condition as a risk, with who and why.
    await decideCondition(ws, {vendorId: 'q', conditionId: FIPS, action: 'accept', by: BY, reason: REASON, now: new Date(Q1.getTime() + 30 * DAY)})
    await round(2)
    await round(3)
    diff23 = await diffRounds(ws, 'q')
    await round(4)
    q4 = (await vendorConditions(ws, 'q', quarter(4))).conditions
  }, 120_000)
  afterAll(async () => server?.close())

  const find = (rule: string) => q4.find((c) => c.ruleId === rule)

  it('keys conditions on rule and target, not on the round: one record per condition across all four rounds', () => {
    expect(q4.filter((c) => c.ruleId === FIPS)).toHaveLength(1)
    expect(find(FIPS)!.history.filter((e) => e.kind === 'opened')).toHaveLength(1)
    expect(find(FIPS)!.id).toBe(FIPS)
  })

  it('Q1 opened, Q2 accepted as a risk with who and why: it stays accepted (not overdue) while it still warns', () => {
    expect(find(FIPS)).toMatchObject({state: 'risk-accepted', overdue: false, decision: {by: BY, reason: REASON}})
    expect(find(FIPS)!.history.map((e) => e.kind)).toEqual(['opened', 'risk-accepted'])
  })

  it('Q3 fixed, and only because the Q3 round shows it passing', () => {
    const signed = find(SIGNED)!
    expect(signed.state).toBe('fixed')
    expect(signed.history.map((e) => [e.kind, 'round' in e ? e.round : ''])).toEqual([
      ['opened', expect.stringContaining(day(quarter(1)))],
      ['fixed', expect.stringContaining(day(quarter(3)))],
    ])
    expect(diff23.conditions.find((c) => c.id === SIGNED)).toMatchObject({kind: 'fixed', state: 'fixed'})
    expect(diff23.findings.find((f) => f.ruleId === SIGNED)).toMatchObject({kind: 'fixed', from: 'warn', to: 'pass'})
    expect(diff23.conditions.find((c) => c.id === KEEP)).toMatchObject({kind: 'new', state: 'open'})
  })

  it('Q4: the condition opened at Q3 is overdue (due Q3 + 90 days) and listed first', () => {
    const keep = find(KEEP)!
    expect(keep).toMatchObject({state: 'open', overdue: true, due: day(new Date(quarter(3).getTime() + 90 * DAY))})
    expect(q4[0]!.overdue).toBe(true)
    // At Q3 itself it was open and not yet due.
    const atQ3 = statuses[3]!.vendors[0]!.conditions.find((c) => c.ruleId === KEEP)!
    expect(atQ3.overdue).toBe(false)
  })

  it('a fixed condition cannot be accepted; an unknown one is named with the ones there are', async () => {
    await expect(decideCondition(ws, {vendorId: 'q', conditionId: SIGNED, action: 'accept', by: BY, reason: 'x', now: quarter(4)})).rejects.toThrow(/is fixed/)
    await expect(decideCondition(ws, {vendorId: 'q', conditionId: 'no-such-rule', action: 'waive', by: BY, reason: 'x', now: quarter(4)})).rejects.toThrow(/has no condition 'no-such-rule'/)
    await expect(decideCondition(ws, {vendorId: 'q', conditionId: FIPS, action: 'waive', by: ' ', reason: 'x', now: quarter(4)})).rejects.toThrow(/--by is empty/)
  })

  it('status lists the open conditions, overdue first; the fixed one is gone', () => {
    const v = statuses[4]!.vendors[0]!
    const overdue = v.conditions.map((c) => c.overdue)
    // Overdue ones first: no overdue condition after one that is not.
    expect(overdue.indexOf(false) === -1 || overdue.lastIndexOf(true) < overdue.indexOf(false)).toBe(true)
    expect(v.conditions.find((c) => c.ruleId === KEEP)).toMatchObject({overdue: true})
    expect(v.conditions.find((c) => c.ruleId === FIPS)).toMatchObject({state: 'risk-accepted', overdue: false})
    expect(v.conditions.some((c) => c.ruleId === SIGNED)).toBe(false)
  })

  it('the calendar has an event on the overdue due date with the vendor, the ask and the command to rerun', () => {
    const ics = statusToIcs(statuses[4]!, {toolVersion: 'test'}).replace(/\r\n /g, '')
    const due = find(KEEP)!.due.replaceAll('-', '')
    const event = ics.split('BEGIN:VEVENT').find((e) => e.includes(`DTSTART;VALUE=DATE:${due}`) && e.includes('CATEGORIES:Condition due'))
    expect(event).toBeDefined()
    expect(event).toMatch(/SUMMARY:OVERDUE: \d+ condition\(s\) of Vendor q due/)
    expect(event).toContain(KEEP)
    expect(event).toContain('scanvet run q')
    // The accepted condition is no longer something to chase by a date.
    expect(ics.split('BEGIN:VEVENT').some((e) => e.includes('Condition due') && e.includes(`[${FIPS}]`))).toBe(false)
  })

  it('the dashboard shows the overdue condition, the accepted one with its reason, not the fixed one', async () => {
    const html = renderDashboard(await gatherDashboard(ws, {now: quarter(4), outFile: path.join(root, 'dashboard.html')}))
    const conditions = html.slice(html.indexOf('id="conditions"'), html.indexOf('id="expiring-title"'))
    expect(conditions).toMatch(new RegExp(`OVERDUE[\\s\\S]*${KEEP.replaceAll('.', '\\.')}`))
    expect(conditions).toContain('risk accepted by R. Example, practice manager: Compensating control')
    expect(conditions).not.toContain(SIGNED)
  })

  it('the Q4 report: page 1 verdict and since-last-quarter box, page 2 the risks, conditions with their standing', async () => {
    const pages = await pdfText(reports[4]!)
    expect(pages[0]).toMatch(/APPROVED WITH CONDITIONS|NOT APPROVED|CANNOT DECIDE YET|APPROVED/)
    expect(pages[0]).toContain('Since last quarter')
    expect(pages[0]).toMatch(/Previous verdict \(\d{4}-\d{2}-\d{2}-\d+, \d{4}-\d{2}-\d{2}\):/)
    expect(pages[0]).toContain('Overdue conditions')
    expect(pages[1]).toContain('The risks, by cause, and what to ask')
    const all = pages.join('\n')
    expect(all).toContain('OVERDUE')
    expect(all).toContain('Risk accepted')
    // Table cells wrap: compare without white space.
    expect(all.replace(/\s+/g, '')).toContain(`${BY},${day(new Date(Q1.getTime() + 30 * DAY))}:${REASON}`.replace(/\s+/g, ''))
    // The Q3 report lists what that round fixed.
    expect((await pdfText(reports[3]!)).join('\n')).toMatch(/Fixed since the previous round:[\s\S]*results/i)
  })

  it('the chain verifies with the condition log in it, and an edited condition entry is detected', async () => {
    const ok = await verifyHistory('q', path.join(root, 'vendors', 'q'))
    expect(ok.problems).toEqual([])
    expect(ok.conditionEntries).toBe(1)
    const file = conditionLogFile(path.join(root, 'vendors', 'q'))
    const original = await fs.readFile(file, 'utf8')
    await fs.writeFile(file, original.replace('Compensating control', 'No control at all'))
    try {
      const bad = await verifyHistory('q', path.join(root, 'vendors', 'q'))
      expect(bad.ok).toBe(false)
      expect(bad.problems.join('\n')).toMatch(/condition entry 1 was changed after this round was written/)
    } finally {
      await fs.writeFile(file, original)
    }
  })

  it('from the command line: list as JSON, --overdue, waive, and bad input exits 2 at file:line:col writing nothing', async () => {
    // The command line runs on the real clock, which is at Q1 of this test: Q3's condition is open and not yet due.
    const list = await runCli(['condition', 'list', 'q', '--json'], {cwd: root})
    expect(list.code, list.stderr).toBe(0)
    const listed = (JSON.parse(list.stdout) as {vendors: {conditions: ConditionRecord[]}[]}).vendors[0]!.conditions
    expect(listed.find((c) => c.ruleId === KEEP)).toMatchObject({state: 'open', overdue: false, due: find(KEEP)!.due})
    expect(listed.find((c) => c.ruleId === FIPS)).toMatchObject({state: 'risk-accepted'})
    expect(listed.some((c) => c.ruleId === SIGNED)).toBe(false) // fixed ones only with --all
    const overdue = await runCli(['condition', 'list', 'q', '--overdue', '--json'], {cwd: root})
    expect((JSON.parse(overdue.stdout) as {vendors: {conditions: ConditionRecord[]}[]}).vendors[0]!.conditions.every((c) => c.overdue)).toBe(true)
    const human = await runCli(['condition', 'list', '--all'], {cwd: root})
    expect(human.stdout).toMatch(new RegExp(`open +due ${find(KEEP)!.due} +medium +${KEEP.replaceAll('.', '\\.')}`))
    expect(human.stdout).toMatch(new RegExp(`fixed +due \\S+ +medium +${SIGNED.replaceAll('.', '\\.')}`))
    expect(human.stdout).toContain(`risk accepted by ${BY}`)

    const file = conditionLogFile(path.join(root, 'vendors', 'q'))
    const before = await fs.readFile(file, 'utf8')
    const noReason = await runCli(['condition', 'waive', 'q', KEEP, '--by', BY], {cwd: root})
    expect(noReason.code).toBe(2)
    expect(noReason.stderr).toMatch(/reason/)
    expect(await fs.readFile(file, 'utf8')).toBe(before)

    await fs.writeFile(file, `${before}{"seq": 2, "at": \n`)
    const garbled = await runCli(['condition', 'list', 'q'], {cwd: root})
    expect(garbled.code).toBe(2)
    expect(garbled.stderr).toMatch(/conditions\.jsonl:2:1: not a JSON condition entry/)
    expect(garbled.stderr).not.toMatch(/at .*\.js:\d+/)
    await fs.writeFile(file, before)

    const waive = await runCli(['condition', 'waive', 'q', KEEP, '--reason', 'We stopped sending studies to this vendor', '--by', BY, '--json'], {cwd: root})
    expect(waive.code, waive.stderr).toBe(0)
    expect(JSON.parse(waive.stdout)).toMatchObject({entry: {seq: 2, action: 'waive', condition: KEEP}, condition: {state: 'waived'}})
    expect((await verifyHistory('q', path.join(root, 'vendors', 'q'))).problems).toEqual([])
    const history = await runCli(['history', 'q'], {cwd: root})
    expect(history.stdout).toContain('4 round(s) and 2 condition decision(s), none changed or removed')

    const out = path.join(root, 'share', 'vendors.html')
    const dash = await runCli(['dashboard', '-o', out, '--json'], {cwd: root})
    expect(dash.code, dash.stderr).toBe(0)
    const html = await fs.readFile(out, 'utf8')
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;`)
    expect(html).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//) // nothing fetched from anywhere
    expect(html).toContain('href="../vendors/q/assessments/') // the report link, relative to the page
  }, 60_000)
})
