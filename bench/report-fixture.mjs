// A synthetic assessment big enough for a 40-page report: the bundled catalogues, checks and questionnaire,
// the demo answers, and TLS observations of many endpoints, half of them offering TLS 1.0.
import {readFileSync} from 'node:fs'
import {parse} from 'yaml'

import {buildAssessment} from '../dist/assessment/build-assessment.js'
import {loadChecks} from '../dist/checks/load-checks.js'
import {loadFrameworks} from '../dist/controls/load-frameworks.js'
import {packagePath} from '../dist/paths.js'
import {loadQuestionnaire} from '../dist/questionnaire/load-questionnaire.js'

export const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 78)

export const fixture = async () => {
  const [checks, frameworks, questionnaire] = await Promise.all([loadChecks(), loadFrameworks(['hipaa', 'gdpr-edpb']), loadQuestionnaire('imaging-ai-vendor')])
  const answers = parse(readFileSync(packagePath('templates', 'demo', 'answers.yaml'), 'utf8'))
  const observations = Array.from({length: ENDPOINTS}, (_, i) => ({
    probe: 'tls',
    target: `https://node${i}.vendor.example:443`,
    startedAt: '2026-03-02T09:00:00.000Z',
    durationMs: 40,
    status: 'ok',
    facts: {
      protocols: {offered: i % 2 ? ['TLSv1', 'TLSv1.2'] : ['TLSv1.2', 'TLSv1.3'], legacyOffered: i % 2 ? ['TLSv1'] : []},
      negotiated: {protocol: i % 2 ? 'TLSv1.2' : 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384'},
      certificate: {trusted: i % 3 !== 0, hostnameMatches: true, daysLeft: 10 + i, expired: false, notYetValid: false, notAfter: '2026-05-21T00:00:00.000Z'},
    },
  }))
  return buildAssessment({
    id: '2026-03-02-1',
    assessedAt: new Date('2026-03-02T09:00:05Z'),
    toolVersion: '0.1.0',
    workspace: {organisation: 'Riverside Community Imaging', assessor: 'J. Smith', frameworks: ['hipaa', 'gdpr-edpb']},
    reassessmentIntervalDays: 90,
    vendor: {id: 'acme-ai', name: 'Acme Imaging AI', service: 'Chest X-ray triage', jurisdictions: ['US', 'EU'], endpoints: [{url: 'https://api.vendor.example', role: 'api'}]},
    frameworks,
    checks,
    observations,
    questionnaire,
    answers: {...answers, answers: {...answers.answers, 'training.use': 'opt-out'}},
  })
}

// Run directly: write the assessment and a signing key for the timed scripts, so they time rendering and
// signing only. Usage: node bench/report-fixture.mjs DIR
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const {writeFileSync} = await import('node:fs')
  const {generateSigningKey} = await import('../dist/keys/generate-key.js')
  const dir = process.argv[2]
  writeFileSync(`${dir}/assessment.json`, JSON.stringify(await fixture(), null, 2))
  const key = await generateSigningKey({organisation: 'Riverside Community Imaging'})
  writeFileSync(`${dir}/key.pkcs8`, key.privateKey)
  writeFileSync(`${dir}/cert.der`, key.certificate)
}
