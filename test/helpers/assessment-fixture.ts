import {readFileSync} from 'node:fs'
import {parse} from 'yaml'

import {buildAssessment} from '../../src/assessment/build-assessment.js'
import type {Assessment} from '../../src/assessment/assessment-types.js'
import {loadChecks} from '../../src/checks/load-checks.js'
import {loadFrameworks} from '../../src/controls/load-frameworks.js'
import type {Observation} from '../../src/model/observation.js'
import {packagePath} from '../../src/paths.js'
import {loadQuestionnaire} from '../../src/questionnaire/load-questionnaire.js'
import type {AnswersFile} from '../../src/questionnaire/questionnaire-types.js'

/** TLS facts as the tls probe records them; `legacy` makes the endpoint offer TLS 1.0. */
const tlsObservation = (target: string, legacy: boolean): Observation => ({
  probe: 'tls',
  target,
  startedAt: '2026-03-02T09:00:00.000Z',
  durationMs: 42,
  status: 'ok',
  facts: {
    protocols: {offered: legacy ? ['TLSv1', 'TLSv1.2', 'TLSv1.3'] : ['TLSv1.2', 'TLSv1.3'], legacyOffered: legacy ? ['TLSv1'] : []},
    negotiated: {protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384'},
    certificate: {trusted: true, hostnameMatches: true, daysLeft: 80, expired: false, notYetValid: false, notAfter: '2026-05-21T00:00:00.000Z'},
  },
})

/**
 * A real pipeline run on synthetic inputs: the bundled catalogues, checks and questionnaire, the demo vendor's
 * answers, and TLS observations. `bad` makes one endpoint offer TLS 1.0 and one answer fail.
 */
export const fixtureAssessment = async (opts: {bad?: boolean; unreachable?: boolean} = {}): Promise<Assessment> => {
  const [checks, frameworks, questionnaire] = await Promise.all([loadChecks(), loadFrameworks(['hipaa', 'gdpr-edpb']), loadQuestionnaire('imaging-ai-vendor')])
  const answers = parse(readFileSync(packagePath('templates', 'demo', 'answers.yaml'), 'utf8')) as AnswersFile
  const observations: Observation[] = [tlsObservation('https://api.vendor.example:443', Boolean(opts.bad)), tlsObservation('https://portal.vendor.example:443', false)]
  if (opts.unreachable) observations.push({probe: 'tls', target: 'https://dicom.vendor.example:443', startedAt: '2026-03-02T09:00:00.000Z', durationMs: 5000, status: 'error', reason: 'no TLS handshake within 5000 ms'})
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
    answers: opts.bad ? {...answers, answers: {...answers.answers, 'training.use': 'opt-out', 'agreements.baa-signed': false}} : answers,
    answersFile: 'vendors/acme-ai/answers.yaml',
    answersSha256: 'a'.repeat(64),
  })
}
