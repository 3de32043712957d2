import {describe, expect, it} from 'vitest'

import type {Assessment} from '../../src/assessment/assessment-types.js'
import {tlsReportSection} from '../../src/probes/tls/tls-report-section.js'
import {SECTION_BUILDERS} from '../../src/report/sections.js'
import {probeEndpoints} from '../helpers/probe-fixture.js'
import {startFixture} from '../helpers/tls-fixture.js'

describe('TLS report section', () => {
  it('shows protocols, graded suites, certificate facts and failing checks with their citations', async () => {
    const f = await startFixture({ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-NULL-SHA:@SECLEVEL=0', hsts: null})
    try {
      const r = await probeEndpoints([{url: f.url, role: 'portal', plainHttpUrl: f.plainHttpUrl, caPem: f.caPem}])
      const section = tlsReportSection({observations: r.observations, findings: r.findings} as unknown as Assessment)!
      expect(SECTION_BUILDERS).toContain(tlsReportSection)
      const [summary, http, failures, suites] = section.tables
      expect(summary!.rows[0]![1]).toBe('TLSv1.2, TLSv1.3')
      expect(summary!.rows[0]![2]).toMatch(/^5: 4 good, 0 older, 1 weak$/)
      expect(summary!.rows[0]![4]).toMatch(/ec 256 bits, ecdsa-with-SHA256; valid to .*; trusted; name matches/)
      expect(summary!.rows[0]![5]).toBe('good')
      expect(http!.rows[0]![1]).toBe('none')
      const failed = failures!.rows.map((row) => row[0]!)
      expect(failed.some((t) => t.startsWith('FAIL (high): The endpoint accepts weak cipher suites'))).toBe(true)
      expect(failed.some((t) => t.startsWith('FAIL (medium): HSTS is missing'))).toBe(true)
      for (const row of failures!.rows) {
        expect(row[2]).toMatch(/45 CFR 164\.312\(e\)\(1\)|GDPR Art\. 32\(1\)\(a\)/)
        expect(row[3]).toMatch(/^Ask the vendor/)
      }
      const nullRow = suites!.rows.find((row) => row[2] === 'TLS_ECDHE_ECDSA_WITH_NULL_SHA')!
      expect(nullRow.slice(1, 4)).toEqual(['TLSv1.2', 'TLS_ECDHE_ECDSA_WITH_NULL_SHA', 'WEAK'])
      expect(section.notes?.join(' ')).toMatch(/not tested/)
    } finally {
      await f.close()
    }
  })
})
