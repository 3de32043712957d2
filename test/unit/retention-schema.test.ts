import {describe, expect, it} from 'vitest'

import {validateText} from '../../src/validation/validate-document.js'

const vendor = (retention: string) => `id: acme
name: Acme
service: AI triage
jurisdictions: [US]
endpoints:
  - url: https://dicom.acme.example/dicom-web
    role: dicomweb
retention:
${retention}
`
const problems = (retention: string) => {
  const r = validateText('vendor', vendor(retention), 'vendor.yaml')
  return r.success ? [] : r.problems.map((p) => `${p.line}:${p.col} ${p.message} ${p.pointer}`)
}

describe('the retention block of the vendor schema', () => {
  it('accepts a DICOMweb block and an HTTP flow with every step feature', () => {
    expect(problems('  mode: dicomweb\n  window: P30D\n  auth: {scheme: bearer, tokenEnv: ACME_TOKEN}\n  dicomweb: {url: "https://dicom.acme.example/dicom-web", delete: true}')).toEqual([])
    expect(
      problems(
        [
          '  mode: http-flow',
          '  modality: MG',
          '  window: PT10M',
          '  oneShot: true',
          '  waitAfterUpload: PT30S',
          '  flow:',
          '    plant:',
          '      - {name: upload, action: upload, method: POST, url: "https://api.acme.example/v1/studies", body: {dicom: form-data, field: file}, expectStatus: [201], extract: {jobId: job.id}}',
          '      - {name: result, action: poll, method: GET, url: "https://api.acme.example/v1/jobs/{{jobId}}", until: {path: status, in: [done, failed]}, intervalMs: 2000, maxAttempts: 30}',
          '      - {name: delete, action: delete, method: DELETE, url: "https://api.acme.example/v1/studies/{{jobId}}", headers: {X-Reason: retention-test}}',
          '    verify:',
          '      - {name: gone, action: check, method: GET, url: "https://api.acme.example/v1/studies/{{jobId}}", goneStatus: [404, 410]}',
          '      - {name: search, action: check, method: POST, url: "https://api.acme.example/v1/search", body: {json: {uid: "{{studyInstanceUid}}"}}, emptyMeansGone: true}',
        ].join('\n'),
      ),
    ).toEqual([])
  })

  it('points at each mistake: a mode without its block, a bad duration, an unknown field, a bad step', () => {
    expect(problems('  mode: dicomweb\n  window: P30D')).toEqual([expect.stringMatching(/^9:3 .*dicomweb.* \/retention$/)])
    const p = problems(
      [
        '  mode: http-flow',
        '  window: thirty days',
        '  secret: abc',
        '  flow:',
        '    plant:',
        '      - {name: Upload, method: POST, url: "https://x.example/u", extract: {"1bad": id}}',
        '    verify: []',
      ].join('\n'),
    )
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^10:11 must be a valid duration \/retention\/window$/),
        expect.stringMatching(/^11:3 unknown field 'secret' \/retention\/secret$/),
        expect.stringMatching(/^14:16 .*\/retention\/flow\/plant\/0\/name$/),
        expect.stringMatching(/^14:75 .* \/retention\/flow\/plant\/0\/extract/),
        expect.stringMatching(/^15:13 .*\/retention\/flow\/verify$/),
      ]),
    )
  })

  it('takes the NAME of an environment variable for credentials, never a value', () => {
    expect(problems('  mode: dicomweb\n  window: P1D\n  auth: {scheme: bearer, tokenEnv: "sk-live-abc123"}\n  dicomweb: {url: "https://d.example"}')).toEqual([
      expect.stringMatching(/^11:36 .*\/retention\/auth\/tokenEnv$/),
    ])
  })
})
