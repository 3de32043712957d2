import {promises as fs} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import type {ProbeSoc2Result} from '../../src/commands/probe/soc2.js'
import {initWorkspace} from '../../src/workspace/init-workspace.js'
import {runCli} from '../helpers/cli.js'
import * as F from '../helpers/soc2-fixtures.js'
import {syntheticPdf} from '../helpers/synthetic-pdf.js'
import {tempDir} from '../helpers/tmp.js'

const ws = tempDir('scanvet-e2e-soc2-')
const vendorDir = path.join(ws, 'vendors', 'northwind')

const profile = (stated = '') => `id: northwind
name: Northwind Imaging AI, Inc.
service: Chest X-ray triage
jurisdictions: [US]
endpoints:
  - url: https://127.0.0.1:9/v1
    role: api
soc2:
  securityTxt: false
evidence:
  - kind: soc2-report
    path: exceptions.pdf${stated}
`

beforeAll(async () => {
  await initWorkspace({dir: ws, organisation: 'Riverside Imaging (test)'})
  await fs.mkdir(vendorDir, {recursive: true})
  await fs.writeFile(path.join(vendorDir, 'exceptions.pdf'), await syntheticPdf(F.exceptionsTypeII.pages, F.exceptionsTypeII.options))
  await fs.writeFile(path.join(vendorDir, 'vendor.yaml'), profile())
}, 60_000)

describe('scanvet probe soc2', () => {
  it('--json: the extracted facts with pages, and the findings', async () => {
    const r = await runCli(['probe', 'soc2', 'northwind', '--json', '-w', ws])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as ProbeSoc2Result
    expect(out.vendor).toBe('northwind')
    expect(out.facts.find((f) => f.fact === 'Report type')).toEqual({fact: 'Report type', value: 'Type II', page: '1', source: 'extracted'})
    expect(out.facts.find((f) => f.fact === 'Period')).toEqual({fact: 'Period', value: '2025-07-01 to 2026-06-30', page: '1', source: 'extracted'})
    expect(out.facts.find((f) => f.fact === 'Exceptions noted')).toMatchObject({value: '2', page: '3'})
    const byRule = Object.fromEntries(out.findings.map((f) => [f.ruleId, f.status]))
    expect(byRule['soc2-no-key-exceptions']).toBe('fail')
    expect(byRule['soc2-type-ii']).toBe('pass')
    expect(out.documents[0]).toMatchObject({kind: 'soc2-report', source: 'exceptions.pdf', status: 'ok'})
    expect(r.stdout).not.toContain('"bytes"')
  })

  it('prints facts with their pages and the findings in plain words', async () => {
    const r = await runCli(['probe', 'soc2', 'northwind', '-w', ws])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('Report type: Type II (page 1, extracted)')
    expect(r.stdout).toMatch(/FAIL\s+high\s+soc2-no-key-exceptions: The auditor noted exceptions against CC6.1 \(page 3\)/)
    expect(r.stdout).toMatch(/Coverage: until 2027-06-30/)
  })

  it('a bad stated fact in the profile: file:line:col, exit 2, nothing else', async () => {
    await fs.writeFile(path.join(vendorDir, 'vendor.yaml'), profile('\n    stated:\n      opinion: clean'))
    try {
      const r = await runCli(['probe', 'soc2', 'northwind', '-w', ws])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/vendor\.yaml:14:16: must be one of: unqualified, qualified, adverse, disclaimer \(\/evidence\/0\/stated\/opinion\)/)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    } finally {
      await fs.writeFile(path.join(vendorDir, 'vendor.yaml'), profile())
    }
  })

  it('an unknown vendor exits 2', async () => {
    const r = await runCli(['probe', 'soc2', 'nobody', '--json', '-w', ws])
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout).error.code).toBe('VENDOR_NOT_FOUND')
  })
})
