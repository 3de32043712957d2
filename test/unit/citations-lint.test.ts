import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {lintContent} from '../../src/controls/lint-content.js'
import {packagePath} from '../../src/paths.js'
import {tempDir} from '../helpers/tmp.js'

const QUESTIONNAIRE = packagePath('questionnaires', 'imaging-ai-vendor.yaml')
const show = (ps: {file: string; line: number; col: number; message: string}[]) => ps.map((p) => `${p.file}:${p.line}:${p.col} ${p.message}`).join('\n')

/** A copy of the bundled content with one file edited: the lint must find exactly what was planted. */
const planted = async (rel: string, edit: (text: string) => string) => {
  const root = tempDir()
  for (const d of ['checks', 'data', 'questionnaires']) cpSync(packagePath(d), path.join(root, d), {recursive: true})
  const file = path.join(root, rel)
  const before = readFileSync(file, 'utf8')
  const after = edit(before)
  expect(after, 'the plant changed the file').not.toBe(before)
  writeFileSync(file, after)
  return lintContent({frameworks: path.join(root, 'checks', 'frameworks'), checks: path.join(root, 'checks'), provisions: path.join(root, 'data', 'provisions'), questionnaires: [path.join(root, 'questionnaires', 'imaging-ai-vendor.yaml')], asOf: '2026-12-03'})
}

describe('citations lint: every citation is in the register, and no proposal decides', () => {
  it('every file in checks/, questionnaires/ and the register passes', async () => {
    const problems = await lintContent({questionnaires: [QUESTIONNAIRE], asOf: '2026-12-03'})
    expect(problems, show(problems)).toEqual([])
  })

  it('fails on a citation that is not in the register (unknown id), at its line', async () => {
    const ps = await planted('checks/frameworks/hipaa.yaml', (t) => t.replace('citation: "45 CFR 164.312(b)"', 'citation: "45 CFR 164.312(z)"'))
    expect(ps).toHaveLength(1)
    expect(ps[0]!.message).toMatch(/'45 CFR 164\.312\(z\)' .* is not in the register/)
    expect(ps[0]!.file).toMatch(/hipaa\.yaml$/)
    expect(ps[0]!.line).toBeGreaterThan(1)
  })

  it('fails on a legal citation one letter deeper than a registered one (no prefix matching for law)', async () => {
    const ps = await planted('checks/tls/tls-cert-trusted.yaml', (t) => t.replace('"45 CFR 164.312(e)(1)"', '"45 CFR 164.312(e)(1)(iv)"'))
    expect(show(ps)).toMatch(/164\.312\(e\)\(1\)\(iv\)' \(tls-cert-trusted\) is not in the register/)
  })

  it('fails on a proposed provision used to score (an NPRM control without readiness)', async () => {
    const ps = await planted('checks/frameworks/hipaa.yaml', (t) => t.replace(/(  - id: hipaa\.nprm-2025\.mfa\n(?:    .*\n)*?)    readiness: true\n/, '$1'))
    expect(show(ps)).toMatch(/hipaa\.nprm-2025\.mfa is scored but .* is a proposed rule/)
  })

  it('fails on a consultation draft used to score (EDPB Guidelines 01/2025 without readiness)', async () => {
    const ps = await planted('checks/frameworks/gdpr-edpb.yaml', (t) => t.replace(/(  - id: edpb\.gl-01-2025\n(?:    .*\n)*?)    readiness: true\n/, '$1'))
    expect(show(ps)).toMatch(/edpb\.gl-01-2025 is scored but .* is a consultation draft/)
  })

  it('fails on AI Act high-risk duties scored before they apply', async () => {
    const ps = await planted('checks/frameworks/eu-ai-act.yaml', (t) => t.replace(/(  - id: ai-act\.art-10\n(?:    .*\n)*?)    readiness: true\n/, '$1'))
    expect(show(ps)).toMatch(/ai-act\.art-10 is scored but .* not applicable before 2027-08-02/)
  })

  it('fails on a check that scores on a draft alone', async () => {
    const ps = await planted('checks/deid/deid-method-recorded.yaml', (t) => t.replace(/^references: .*$/m, 'references: ["EDPB Guidelines 01/2025 on pseudonymisation"]'))
    expect(show(ps)).toMatch(/deid-method-recorded scores .* only, which cannot decide/)
  })

  it('fails on an in-force control whose evidence is only practice-policy (proposal) thresholds', async () => {
    const ps = await planted('checks/frameworks/hipaa.yaml', (t) => t.replace('questions: [breach.restore-time, breach.backup-plan]', 'questions: [breach.restore-time]'))
    expect(show(ps)).toMatch(/hipaa\.164\.308\.a\.7\.i is in force but its only evidence is practice-policy thresholds/)
  })

  it('fails on a GDPR-only question asked of every vendor', async () => {
    const ps = await planted('questionnaires/imaging-ai-vendor.yaml', (t) => t.replace(/(      - id: agreements\.dpa-signed\n(?:        .*\n)*?)        jurisdictions: \[EU\]\n/, '$1'))
    expect(show(ps)).toMatch(/'agreements\.dpa-signed' is asked of every vendor but only frameworks of EU use it/)
  })

  it('fails on a scored question that is not required in every channel', async () => {
    const ps = await planted('questionnaires/imaging-ai-vendor.yaml', (t) => t.replace(/(      - id: agreements\.baa-return-destroy\n(?:        .*\n)*?)        required: true\n/, '$1'))
    expect(show(ps)).toMatch(/'agreements\.baa-return-destroy' can change the verdict but is not required/)
  })
})
