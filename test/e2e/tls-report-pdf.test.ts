import {describe, expect, it} from 'vitest'

import {buildAssessment} from '../../src/assessment/build-assessment.js'
import {loadChecks} from '../../src/checks/load-checks.js'
import {buildReportModel} from '../../src/report/report-model.js'
import {renderPdf} from '../../src/report/render-pdf.js'
import {probeEndpoints} from '../helpers/probe-fixture.js'
import {startFixture} from '../helpers/tls-fixture.js'

const pdfText = async (pdf: Buffer): Promise<string> => {
  const {getDocument} = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const doc = await getDocument({data: new Uint8Array(pdf), useSystemFonts: false}).promise
  const pages: string[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent()
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '))
  }
  return pages.join('\n').replace(/\s+/g, ' ')
}

describe('the TLS section in the rendered report', () => {
  it('prints the endpoint table, each graded suite and the failing checks with their citations', async () => {
    const f = await startFixture({minVersion: 'TLSv1', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-NULL-SHA:@SECLEVEL=0', hsts: 'max-age=3600'})
    try {
      const r = await probeEndpoints([{url: f.url, role: 'api', plainHttpUrl: f.plainHttpUrl, caPem: f.caPem}])
      const a = buildAssessment({
        id: '2026-01-01-1',
        assessedAt: new Date(),
        toolVersion: 'test',
        workspace: {organisation: 'Test Practice', frameworks: ['hipaa']},
        reassessmentIntervalDays: 90,
        vendor: {id: 'fixture', name: 'Fixture Imaging AI', service: 'test', jurisdictions: ['US'], endpoints: [{url: f.url, role: 'api'}]},
        frameworks: [],
        checks: await loadChecks(),
        observations: r.observations,
      })
      const text = await pdfText(await renderPdf(buildReportModel(a), JSON.stringify(a)))
      expect(text).toContain('Connections to the vendor (encryption in transit)')
      expect(text).toMatch(/TLSv1, TLSv1\.1, TLSv1\.2, TLSv1\.3/)
      expect(text).toContain('TLS_ECDHE_ECDSA_WITH_NULL_SHA')
      expect(text).toContain('WEAK')
      expect(text).toMatch(/still accepts TLSv1, TLSv1\.1/)
      expect(text).toContain('45 CFR 164.312(e)(2)(ii)')
      expect(text).toContain('NIST SP 800-52 Rev. 2')
      expect(text).toContain('GDPR Art. 32(1)(a)')
      expect(text).toContain('Ask the vendor to switch off SSL 3.0, TLS 1.0 and TLS 1.1')
    } finally {
      await f.close()
    }
  })
})
