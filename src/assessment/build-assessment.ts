import {runChecks} from '../checks/evaluate-check.js'
import type {Check} from '../checks/check-types.js'
import type {Framework} from '../controls/framework-types.js'
import {rollUp} from '../controls/roll-up.js'
import {decide} from '../controls/verdict.js'
import {SEVERITY_RANK, FINDING_STATUSES, type Finding} from '../model/finding.js'
import type {Observation} from '../model/observation.js'
import {scoreAnswers} from '../questionnaire/score.js'
import type {AnswersFile, Questionnaire} from '../questionnaire/questionnaire-types.js'
import type {VendorProfile, WorkspaceConfig} from '../workspace/workspace-types.js'
import {ASSESSMENT_SCHEMA_VERSION, type Assessment} from './assessment-types.js'

export interface AssessmentInputs {
  readonly id: string
  readonly assessedAt: Date
  readonly toolVersion: string
  readonly workspace: WorkspaceConfig
  readonly reassessmentIntervalDays: number
  readonly vendor: VendorProfile
  readonly frameworks: readonly Framework[]
  readonly checks: readonly Check[]
  readonly observations: readonly Observation[]
  readonly questionnaire?: Questionnaire
  readonly answers?: AnswersFile
  readonly answersFile?: string
  readonly answersSha256?: string
  readonly previous?: {readonly id: string; readonly sha256: string}
}

const statusRank = (f: Finding) => FINDING_STATUSES.indexOf(f.status)

/** Worst first: failures by severity, then warnings, errors, not assessed, passes. */
export const orderFindings = (findings: readonly Finding[]): Finding[] =>
  [...findings].sort((a, b) => statusRank(a) - statusRank(b) || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.id.localeCompare(b.id))

/** answers + observations → findings → controls → verdict. Pure: the same inputs give the same record. */
export const buildAssessment = (inp: AssessmentInputs): Assessment => {
  const probeFindings = runChecks(inp.checks, inp.observations)
  const questionFindings = inp.questionnaire && inp.answers ? scoreAnswers(inp.questionnaire, inp.answers) : []
  const findings = orderFindings([...probeFindings, ...questionFindings])
  const assessedAt = inp.assessedAt.toISOString()
  const verdict = decide(findings, assessedAt)
  return {
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    id: inp.id,
    assessedAt,
    tool: {name: 'scanvet', version: inp.toolVersion, node: process.version, openssl: process.versions.openssl},
    organisation: {name: inp.workspace.organisation, ...(inp.workspace.assessor ? {assessor: inp.workspace.assessor} : {})},
    vendor: {
      id: inp.vendor.id,
      name: inp.vendor.name,
      service: inp.vendor.service,
      jurisdictions: inp.vendor.jurisdictions,
      endpoints: inp.vendor.endpoints,
      ...(inp.vendor.evidence && inp.vendor.evidence.length > 0 ? {evidence: inp.vendor.evidence} : {}),
    },
    frameworks: inp.frameworks.map((f) => ({id: f.id, title: f.title})),
    ...(inp.questionnaire && inp.answers
      ? {
          questionnaire: {
            id: inp.questionnaire.id,
            version: inp.questionnaire.version,
            title: inp.questionnaire.title,
            ...(inp.answersFile ? {answersFile: inp.answersFile} : {}),
            ...(inp.answersSha256 ? {answersSha256: inp.answersSha256} : {}),
            answers: inp.answers.answers,
          },
        }
      : {}),
    observations: inp.observations,
    findings,
    controls: rollUp(inp.frameworks, findings),
    verdict,
    nextReviewDue: new Date(inp.assessedAt.getTime() + inp.reassessmentIntervalDays * 86_400_000).toISOString().slice(0, 10),
    ...(inp.previous ? {previous: inp.previous} : {}),
  }
}
