import {createHash} from 'node:crypto'
import {promises as fs} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import type {Assessment} from '../../../src/assessment/assessment-types.js'
import {buildAssessment} from '../../../src/assessment/build-assessment.js'
import {detachEvidenceFiles} from '../../../src/assessment/evidence-files.js'
import {loadChecks} from '../../../src/checks/load-checks.js'
import {pdfText} from '../../../src/probes/soc2/pdf-text.js'
import {soc2Probe} from '../../../src/probes/soc2/soc2-probe.js'
import {soc2ReportSection} from '../../../src/probes/soc2/soc2-report-section.js'
import {buildReportModel} from '../../../src/report/report-model.js'
import {renderPdf} from '../../../src/report/render-pdf.js'
import type {ReportSection} from '../../../src/report/report-section.js'
import {writeRound} from '../../../src/workspace/history.js'
import {DEFAULT_NETWORK, type VendorProfile} from '../../../src/workspace/workspace-types.js'
import * as F from '../../helpers/soc2-fixtures.js'
import {syntheticPdf} from '../../helpers/synthetic-pdf.js'
import {tempDir} from '../../helpers/tmp.js'

const NOW = new Date('2026-11-15T10:00:00Z')
const dir = tempDir('scanvet-soc2-report-')
let assessment: Assessment
let files: Record<string, Uint8Array>
let section: ReportSection

const vendor: VendorProfile = {
  id: 'northwind',
  name: 'Northwind Imaging AI, Inc.',
  service: 'Chest X-ray triage',
  jurisdictions: ['US'],
  endpoints: [{url: 'https://127.0.0.1:9/v1', role: 'api'}],
  soc2: {securityTxt: false},
  evidence: [
    {kind: 'soc2-report', path: 'stale.pdf', stated: {coversService: true, auditor: 'Meridian Audit Partners PLLC'}},
    {kind: 'soc2-bridge-letter', path: 'bridge.pdf'},
  ],
}

beforeAll(async () => {
  await fs.writeFile(path.join(dir, 'stale.pdf'), await syntheticPdf(F.staleTypeII.pages, F.staleTypeII.options))
  await fs.writeFile(path.join(dir, 'bridge.pdf'), await syntheticPdf(F.bridgeLetter.pages))
  const raw = await soc2Probe.run(vendor, {network: DEFAULT_NETWORK, now: () => NOW, env: {}, vendorDir: dir})
  const detached = detachEvidenceFiles(raw)
  files = detached.files
  assessment = buildAssessment({
    id: '2026-11-15-1',
    assessedAt: NOW,
    toolVersion: 'test',
    workspace: {organisation: 'Riverside Imaging (test)', frameworks: []},
    reassessmentIntervalDays: 90,
    vendor,
    frameworks: [],
    checks: await loadChecks(),
    observations: detached.observations,
  })
  section = soc2ReportSection(assessment)!
}, 60_000)

describe('the SOC 2 report section', () => {
  it('lists every document with its SHA-256 and where it is kept', async () => {
    const docs = section.tables[0]!
    const stale = createHash('sha256').update(await fs.readFile(path.join(dir, 'stale.pdf'))).digest('hex')
    expect(docs.rows[0]).toEqual(['soc2-report', 'stale.pdf', stale, expect.stringMatching(new RegExp(`^evidence/soc2-report-${stale.slice(0, 12)}\\.pdf \\(\\d+ bytes\\)$`))])
    expect(docs.rows[1]![0]).toBe('soc2-bridge-letter')
  })

  it('shows the facts with their pages, and labels stated facts', () => {
    const facts = Object.fromEntries(section.tables[1]!.rows.map((r) => [r[0], r.slice(1)]))
    expect(facts['Report type']).toEqual(['Type II', '1', 'extracted'])
    expect(facts.Period).toEqual(['2024-07-01 to 2025-06-30', '2', 'extracted'])
    expect(facts['Service auditor']).toEqual(['Meridian Audit Partners PLLC', '—', 'stated, not extracted'])
    expect(facts.Opinion).toEqual(['unqualified', '2', 'extracted'])
    expect(facts['Bridge letter dated']).toEqual(['2026-10-15', '1', 'extracted'])
  })

  it('warns when the evidence stops covering before the next reassessment, quarter by quarter', () => {
    expect(section.notes![0]).toBe('Warning: the SOC 2 evidence stops covering on 2027-01-15, 29 days before the next reassessment (2027-02-13). Ask the vendor for its next report or a bridge letter by then.')
    const quarters = section.tables.find((t) => t.columns[0]!.header.startsWith('Quarter'))!
    expect(quarters.rows).toEqual([
      ['2026-Q4', '2026-11-15', '2026-12-31', 'covered'],
      ['2027-Q1', '2027-01-01', '2027-02-13', 'partly covered'],
    ])
  })

  it('says what the practice must do (the CUECs, with pages)', () => {
    const cuecs = section.tables.find((t) => t.columns[1]?.header.startsWith('What your practice must do'))!
    expect(cuecs.rows).toEqual([
      ['1', 'Clients are responsible for maintaining the confidentiality of their API credentials and rotating them at least annually.', '—', '3'],
      ['2', 'Clients are responsible for configuring their PACS to send only the studies needed for the contracted service.', '—', '3'],
    ])
    expect(section.notes!.at(-1)).toMatch(/market conventions.*not AICPA rules/)
  })

  it('renders into the report PDF (read back with pdf.js)', async () => {
    const pdf = await renderPdf(buildReportModel(assessment), JSON.stringify(assessment))
    const t = await pdfText(pdf)
    if (t.status !== 'ok') throw new Error(t.reason)
    const text = t.pages.join('\n')
    expect(text).toContain('SOC 2 and security attestations')
    expect(text).toContain('stated, not extracted')
    expect(text).toContain('stops covering on 2027-01-15')
    expect(text).toContain('Clients are responsible for configuring their PACS')
  })

  it('keeps the documents in the round’s evidence/ folder and only their hashes in assessment.json', async () => {
    const json = JSON.stringify(assessment)
    expect(json).not.toContain('"bytes"')
    const round = await writeRound(dir, assessment.id, {'assessment.json': json, ...files})
    const kept = await fs.readdir(path.join(round, 'evidence'))
    expect(kept).toHaveLength(2)
    for (const name of kept) {
      const hash = createHash('sha256').update(await fs.readFile(path.join(round, 'evidence', name))).digest('hex')
      expect(json).toContain(hash)
      expect(name).toContain(hash.slice(0, 12))
    }
  })
})
