import {promises as fs} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import type {ProbeSoc2Result} from '../../src/commands/probe/soc2.js'
import {runCli} from '../helpers/cli.js'
import {soc2Corpus, type CorpusDoc} from '../helpers/soc2-corpus.js'
import {tempDir} from '../helpers/tmp.js'

// A practice manager e-mailed one PDF: no workspace, no vendor profile (the directory has neither).
const dir = tempDir('scanvet-e2e-soc2-file-')
let docs: CorpusDoc[]

beforeAll(async () => {
  docs = await soc2Corpus()
  for (const d of docs) await fs.writeFile(path.join(dir, `${d.name}.pdf`), d.bytes)
}, 60_000)

const statuses = (r: ProbeSoc2Result) => Object.fromEntries(r.findings.map((f) => [f.ruleId, f.status]))

describe('scanvet probe soc2 --file (outside a workspace)', () => {
  it('reads a report with its bridge letter: the same facts and findings, as JSON', async () => {
    const d = docs.find((x) => x.name === 'sorensen-1')!
    if (d.kind !== 'report') throw new Error('fixture')
    const r = await runCli(['probe', 'soc2', '--file', 'sorensen-1.pdf', '--bridge', 'bridge.pdf', '--json'], {cwd: dir})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as ProbeSoc2Result
    expect(out.observation.status).toBe('ok')
    const facts = Object.fromEntries(out.facts.map((f) => [f.fact, f]))
    expect(facts['Report type']).toMatchObject({value: d.expected.type.value, page: String(d.expected.type.page), source: 'extracted'})
    expect(facts['Service organisation']).toMatchObject({value: d.expected.serviceOrganisation.value})
    expect(facts['Service auditor']).toMatchObject({value: d.expected.auditor.value, page: String(d.expected.auditor.page)})
    expect(facts['Bridge letter dated']?.value).toBe('2027-02-14')
    expect(statuses(out)['soc2-opinion-unqualified']).toBe(d.expected.opinion.value === 'unqualified' ? 'pass' : 'fail')
    // No service given: the scope check cannot be decided, and says so.
    expect(statuses(out)['soc2-scope-covers-service']).toBe('not-assessed')
  })

  it('plain output names the facts with their pages', async () => {
    const r = await runCli(['probe', 'soc2', '--file', 'fennick-1.pdf', '--service', 'Clearview Reading Cloud'], {cwd: dir})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Report type: Type II \(page 1, extracted\)/)
    expect(r.stdout).toMatch(/PASS\s+\S+\s+soc2-scope-covers-service/)
  })

  it('a missing file is a clear error, exit 2, no stack trace', async () => {
    const r = await runCli(['probe', 'soc2', '--file', 'nope.pdf'], {cwd: dir})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('nope.pdf: no such file')
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/)
  })

  it('an encrypted report is an error finding with the reason', async () => {
    const r = await runCli(['probe', 'soc2', '--file', 'encrypted.pdf', '--json'], {cwd: dir})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as ProbeSoc2Result
    expect(out.observation.status).toBe('error')
    expect(out.findings.every((f) => f.status === 'error')).toBe(true)
    expect(out.findings[0]!.message).toContain('encrypted')
  })

  it('a scan: the error "no text layer", one request, and type, period and opinion read by OCR, marked as such', async () => {
    const d = docs.find((x) => x.kind === 'scan')!
    if (d.kind !== 'scan') throw new Error('fixture')
    const r = await runCli(['probe', 'soc2', '--file', 'scan.pdf', '--json'], {cwd: dir, timeoutMs: 120_000})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as ProbeSoc2Result
    expect(out.observation.status).toBe('error')
    if (out.observation.status === 'error') expect(out.observation.reason).toContain('the PDF is a scan: no text layer')
    // Nothing passes on OCR alone.
    expect(out.findings.filter((f) => f.status === 'pass' || f.status === 'fail')).toEqual([])
    expect(out.askVendor.map((q) => q.fact)).toEqual(['textPdf'])
    const ocr = ((out.observation as unknown as {facts: {report: {ocr: Record<string, {value: unknown; page: number; confidence: number}>}}}).facts.report.ocr)
    expect(ocr.type).toMatchObject({value: d.expected.type.value, page: d.expected.type.page})
    expect(ocr.periodStart).toMatchObject({value: d.expected.period!.start, page: d.expected.period!.page})
    expect(ocr.periodEnd).toMatchObject({value: d.expected.period!.end})
    expect(ocr.opinion).toMatchObject({value: d.expected.opinion.value, page: d.expected.opinion.page})
    expect(ocr.type!.confidence).toBeGreaterThan(50)
    const rows = Object.fromEntries(out.facts.map((f) => [f.fact, f]))
    expect(rows['Report type']!.source).toMatch(/read by OCR \(confidence \d+ %\): confirm from the original/)
  }, 120_000)
})
