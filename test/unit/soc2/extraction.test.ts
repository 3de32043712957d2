import {beforeAll, describe, expect, it} from 'vitest'

import {extractBridgeLetter} from '../../../src/probes/soc2/extract-letters.js'
import {extractReport} from '../../../src/probes/soc2/extract-report.js'
import {pdfText} from '../../../src/probes/soc2/pdf-text.js'
import type {ExtractedReport} from '../../../src/probes/soc2/soc2-types.js'
import * as F from '../../helpers/soc2-fixtures.js'
import {syntheticPdf} from '../../helpers/synthetic-pdf.js'

/** Facts without the excerpts (which are for people), so each can be compared exactly. */
const bare = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'excerpt' ? undefined : v)))

const read = async (fx: F.Fixture): Promise<string[]> => {
  const t = await pdfText(await syntheticPdf(fx.pages, fx.options))
  if (t.status !== 'ok') throw new Error(t.reason)
  expect(t.pageCount).toBe(fx.pages.length)
  return [...t.pages]
}

const extract = async (fx: F.Fixture): Promise<ExtractedReport> => extractReport(await read(fx), {textComplete: true, notAuditor: ['Northwind']})

const NO_EXCEPTIONS = (page: number) => ({items: [], page})

describe('SOC 2 extraction from synthetic reports (each fact with its page)', () => {
  const got: Record<string, ExtractedReport> = {}
  beforeAll(async () => {
    const names = ['cleanTypeII', 'typeI', 'staleTypeII', 'qualifiedTypeII', 'carveOutTypeII', 'exceptionsTypeII'] as const
    const results = await Promise.all(names.map((n) => extract(F[n])))
    names.forEach((n, i) => (got[n] = results[i]!))
  })

  it('a clean Type II', () => {
    expect(bare(got.cleanTypeII)).toEqual({
      type: {value: 'Type II', page: 1},
      period: {value: {start: '2025-10-01', end: '2026-09-30'}, page: 1},
      auditor: {value: 'Halvorsen & Pike LLP', page: 2},
      serviceOrganisation: {value: 'Northwind Imaging AI, Inc.', page: 1},
      opinion: {value: 'unqualified', page: 2},
      categories: {value: ['Security', 'Availability', 'Confidentiality', 'Privacy'], page: 1},
      system: {value: 'Radiology AI Platform', page: 1},
      services: {value: 'Chest X-ray triage and mammography second reading for hospitals and imaging practices', page: 3},
      subservice: {status: 'none', page: 3},
      cuecs: {
        status: 'listed',
        items: [
          {text: 'User entities are responsible for provisioning and removing their own users’ access to the Radiology AI Platform portal in a timely manner.', criteria: [], page: 4},
          {text: 'User entities are responsible for ensuring that studies sent to Northwind are de-identified where their agreements require it.', criteria: [], page: 4},
          {text: 'User entities are responsible for reviewing the triage results before clinical use and reporting errors to Northwind.', criteria: [], page: 4},
        ],
      },
      exceptions: NO_EXCEPTIONS(5),
    })
  })

  it('a Type I (as-of date, facts in a table, CUECs with criteria; no system name found)', () => {
    expect(bare(got.typeI)).toEqual({
      type: {value: 'Type I', page: 1},
      asOf: {value: '2026-03-31', page: 2},
      auditor: {value: 'Brightline Assurance CPAs', page: 1},
      opinion: {value: 'unqualified', page: 2},
      categories: {value: ['Security', 'Confidentiality'], page: 1},
      subservice: {status: 'none'},
      cuecs: {
        status: 'listed',
        items: [
          {text: 'Customers should restrict administrator roles in the portal to named staff.', criteria: ['CC6.1', 'CC6.3'], page: 3},
          {text: 'Customers should notify Northwind when an authorised user leaves.', criteria: ['CC6.2'], page: 3},
        ],
      },
    })
  })

  it('a stale Type II with European dates, facts spread over pages', () => {
    expect(bare(got.staleTypeII)).toEqual({
      type: {value: 'Type II', page: 1},
      period: {value: {start: '2024-07-01', end: '2025-06-30'}, page: 2},
      auditor: {value: 'Meridian Audit Partners PLLC', page: 1},
      opinion: {value: 'unqualified', page: 2},
      categories: {value: ['Security', 'Confidentiality'], page: 1},
      system: {value: 'Radiology AI Platform', page: 2},
      subservice: {status: 'none'},
      cuecs: {
        status: 'listed',
        items: [
          {text: 'Clients are responsible for maintaining the confidentiality of their API credentials and rotating them at least annually.', criteria: [], page: 3},
          {text: 'Clients are responsible for configuring their PACS to send only the studies needed for the contracted service.', criteria: [], page: 3},
        ],
      },
      exceptions: NO_EXCEPTIONS(3),
    })
  })

  it('a qualified opinion with an exception against CC7.2', () => {
    expect(bare(got.qualifiedTypeII)).toEqual({
      type: {value: 'Type II', page: 1},
      period: {value: {start: '2026-02-01', end: '2026-07-31'}, page: 1},
      auditor: {value: 'Halvorsen & Pike LLP', page: 2},
      serviceOrganisation: {value: 'Northwind Imaging AI, Inc.', page: 2},
      opinionBasis: {value: 'Northwind states in its description that security events are reviewed daily. However, as noted in Section 4, review of security events was not performed for 19 days during the period. As a result, controls were not operating effectively to achieve criterion CC7.2.', page: 2},
      opinion: {value: 'qualified', page: 2},
      categories: {value: ['Security', 'Availability'], page: 1},
      system: {value: 'Radiology AI Platform', page: 2},
      subservice: {status: 'none'},
      cuecs: {status: 'absent'},
      exceptions: {items: [{criteria: ['CC7.2'], text: 'Exception noted. For 19 of 40 days sampled, no review was evidenced.', page: 3}], page: 3},
    })
  })

  it('a carve-out of a cloud provider (prose) and of a second organisation (table)', () => {
    expect(bare(got.carveOutTypeII)).toEqual({
      type: {value: 'Type II', page: 1},
      period: {value: {start: '2026-01-01', end: '2026-06-30'}, page: 1},
      auditor: {value: 'Halvorsen & Pike LLP', page: 2},
      serviceOrganisation: {value: 'Northwind Imaging AI, Inc.', page: 2},
      opinion: {value: 'unqualified', page: 2},
      categories: {value: ['Security', 'Availability', 'Confidentiality'], page: 1},
      system: {value: 'Radiology AI Platform', page: 2},
      subservice: {
        status: 'listed',
        organisations: [
          {name: 'Amazon Web Services', method: 'carve-out', page: 2},
          {name: 'Twilio', method: 'carve-out', page: 3},
        ],
      },
      cuecs: {status: 'listed', items: [{text: 'User entities are responsible for protecting the API keys issued to them.', criteria: [], page: 3}]},
      exceptions: NO_EXCEPTIONS(3),
    })
  })

  it('exceptions against CC6.1 (table row) and A1.2 (prose), "twelve months ended" period', () => {
    expect(bare(got.exceptionsTypeII)).toEqual({
      type: {value: 'Type II', page: 1},
      period: {value: {start: '2025-07-01', end: '2026-06-30'}, page: 1},
      auditor: {value: 'Halvorsen & Pike LLP', page: 2},
      serviceOrganisation: {value: 'Northwind Imaging AI, Inc.', page: 2},
      opinion: {value: 'unqualified', page: 2},
      categories: {value: ['Security', 'Availability', 'Confidentiality'], page: 1},
      system: {value: 'Radiology AI Platform', page: 2},
      subservice: {status: 'none'},
      cuecs: {status: 'none-required', page: 4},
      exceptions: {
        items: [
          {criteria: ['CC6.1'], text: 'Exception noted. For 2 of 25 terminated users sampled, access was removed after 9 days.', page: 3},
          {criteria: ['A1.2'], text: 'Deviations were identified: for 3 of the 30 days sampled the nightly backup did not complete.', page: 4},
        ],
        page: 3,
      },
    })
  })

  it('keeps an excerpt of the words each fact was read from', () => {
    expect(got.cleanTypeII!.opinion!.excerpt).toMatch(/In our opinion, in all material respects/)
    expect(got.exceptionsTypeII!.period!.excerpt).toMatch(/twelve months ended June 30, 2026/)
  })

  it('a bridge letter: its date and the gap it covers', async () => {
    expect(bare(extractBridgeLetter(await read(F.bridgeLetter)))).toEqual({
      date: {value: '2026-10-15', page: 1},
      coversFrom: {value: '2025-07-01', page: 1},
      coversThrough: {value: '2026-10-15', page: 1},
    })
  })

  it('finds nothing in a document that is not a SOC 2 report', () => {
    const r = extractReport(['Minutes of the staff meeting', 'Lunch will be served at noon.'], {textComplete: false})
    expect(r).toEqual({})
  })
})
