import {describe, expect, it} from 'vitest'

import {extractCuecs} from '../../../src/probes/soc2/extract-cuecs.js'
import {extractExceptions} from '../../../src/probes/soc2/extract-exceptions.js'
import {extractAuditor, extractOpinion} from '../../../src/probes/soc2/extract-opinion-auditor.js'
import {extractCategories} from '../../../src/probes/soc2/extract-scope.js'
import {extractSubservice} from '../../../src/probes/soc2/extract-subservice.js'
import {extractAsOf, extractPeriod, extractType} from '../../../src/probes/soc2/extract-type-period.js'
import {pageLines} from '../../../src/probes/soc2/page-lines.js'

// Wording auditors use, page text as pdf.js gives it (" | " between table cells). No PDF needed here.
describe('phrasings', () => {
  it.each([
    ['SOC 2 Type 2 Report', 'Type II'],
    ['SOC 2® TYPE II REPORT', 'Type II'],
    ['Report on Controls at a Service Organization (Type 1)', 'Type I'],
    ['SOC 2 report on the system. Patients with Type 1 diabetes are out of scope.', undefined],
  ])('report type: %s', (text, want) => expect(extractType([text])?.value).toBe(want))

  it.each([
    ['for the period from October 1, 2025 to September 30, 2026', {start: '2025-10-01', end: '2026-09-30'}],
    ['Review Period | 01/01/2025 - 12/31/2025', {start: '2025-01-01', end: '2025-12-31'}],
    ['during the period 1st January 2025 until 31st December 2025', {start: '2025-01-01', end: '2025-12-31'}],
    ['for the six months ended June 30, 2026', {start: '2026-01-01', end: '2026-06-30'}],
    ['for the period ended September 30, 2026', {end: '2026-09-30'}],
    ['for the period December 31, 2025 to January 1, 2025', undefined],
  ])('period: %s', (text, want) => expect(extractPeriod([text])?.value).toEqual(want))

  it('as-of date of a Type I, British style', () => expect(extractAsOf(['suitably designed as at 30 June 2025'])?.value).toBe('2025-06-30'))

  it.each([
    ['In our opinion, in all material respects, the description presents fairly. Other information: we do not express an opinion on it.', 'unqualified'],
    ['Opinion | Qualified', 'qualified'],
    ['Basis for Adverse Opinion ... In our opinion, because of the significance of the matter', 'adverse'],
    ['Disclaimer of Opinion. We were unable to obtain sufficient appropriate evidence to provide a basis for an opinion.', 'disclaimer'],
    ['In our opinion, except for the effects of the matter described above, in all material respects', 'qualified'],
    ['The auditor issued an unqualified opinion last year.', undefined],
  ])('opinion: %s', (text, want) => expect(extractOpinion([text])?.value).toBe(want))

  it.each([
    ['Independent Service Auditor’s Report\n...\nErnst & Young LLP\nBoston, Massachusetts', 'Ernst & Young LLP'],
    ['Independent Service Auditor’s Report\n/s/ Prescient Assurance LLC', 'Prescient Assurance LLC'],
    ['Examination performed by: Sensiba LLP', 'Sensiba LLP'],
    ['Independent Service Auditor’s Report\nNorthwind Imaging AI LLC\nSmith Jones CPAs', 'Smith Jones CPAs'],
  ])('auditor: %s', (text, want) => expect(extractAuditor(text.split('\n\n'), ['Northwind Imaging AI'])?.value).toBe(want))

  it('categories from a yes/no table', () => {
    const page = ['Trust Services Category | In Scope', 'Security | Yes', 'Availability | Yes', 'Processing Integrity | No', 'Confidentiality | Yes', 'Privacy | Not in scope'].join('\n')
    expect(extractCategories([page])?.value).toEqual(['Security', 'Availability', 'Confidentiality'])
  })

  it('CUECs under "User Entity Responsibilities", numbered, wrapping, up to the next section', () => {
    const page = ['User Entity Responsibilities', '1. Customers are responsible for enabling multi-factor', 'authentication for their administrators.', '2. Customers are responsible for reviewing audit logs monthly.', 'Section 4 Trust Services Criteria', '1. Not a CUEC at all, a criteria item.'].join('\n')
    expect(extractCuecs([page], true)).toEqual({
      status: 'listed',
      items: [
        {text: 'Customers are responsible for enabling multi-factor authentication for their administrators.', criteria: [], page: 1},
        {text: 'Customers are responsible for reviewing audit logs monthly.', criteria: [], page: 1},
      ],
    })
  })

  it('exceptions: negated forms are not exceptions; the criterion comes from the row above', () => {
    const page = ['CC6.2 | New access is approved.', 'No relevant exceptions noted.', 'CC6.3 | Access is reviewed quarterly.', 'Inspected 4 reviews.', 'Deviation noted: one quarterly review was performed late.', 'Management’s response: moved to a ticketed process.'].join('\n')
    expect(extractExceptions([page])).toEqual({items: [{criteria: ['CC6.3'], text: 'Deviation noted: one quarterly review was performed late.', page: 1}], page: 1})
  })

  it('boilerplate about exceptions in general is not an exception', () => {
    expect(extractExceptions(['The description of tests and results, including any exceptions identified, is in Section 4. If exceptions were noted, management responded. No exceptions noted.'])).toEqual({items: [], page: 1})
  })

  it.each([
    ['The Company does not use any subservice organizations.', {status: 'none', page: 1}],
    ['The description includes the controls of Equinix (inclusive method), a subservice organization providing colocation.', {status: 'listed', organisations: [{name: 'Equinix', method: 'inclusive', page: 1}]}],
    ['Acme relies on subservice organizations. The description excludes the controls of Google Cloud Platform (GCP).', {status: 'listed', organisations: [{name: 'Google Cloud Platform', method: 'carve-out', page: 1}]}],
    ['Acme uses subservice organizations for several services.', undefined],
  ])('subservice: %s', (text, want) => expect(extractSubservice([text], true)).toEqual(want))

  it('page lines: table cells split on wide gaps, wrapped cells folded into their row', () => {
    const item = (str: string, x: number, y: number) => ({str, x, y, w: str.length * 5, h: 10})
    expect(pageLines([item('CC6.1', 60, 700), item('Access is removed', 120, 700), item('Exception noted. For 2 of', 300, 700), item('on termination.', 120, 688), item('25 users.', 300, 688), item('Next paragraph.', 60, 650)])).toEqual([
      'CC6.1 | Access is removed on termination. | Exception noted. For 2 of 25 users.',
      'Next paragraph.',
    ])
  })
})
