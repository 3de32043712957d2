import {runChecks} from '../checks/evaluate-check.js'
import type {Check} from '../checks/check-types.js'
import type {Framework} from '../controls/framework-types.js'
import {rollUp} from '../controls/roll-up.js'
import {decide} from '../controls/verdict.js'
import {SEVERITY_RANK, FINDING_STATUSES, type Finding} from '../model/finding.js'
import type {Observation} from '../model/observation.js'
import {scopeQuestionnaire} from '../questionnaire/jurisdiction-scope.js'
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
  /** Findings judged from documents rather than observations (the contract clause audit of BAAs and DPAs). */
  readonly documentFindings?: readonly Finding[]
  readonly questionnaire?: Questionnaire
  readonly answers?: AnswersFile
  readonly answersFile?: string
  readonly answersSha256?: string
  readonly previous?: {readonly id: string; readonly sha256: string}
  /**
   * Check ids that evidence controls only of frameworks outside the vendor's jurisdictions: their findings are
   * not scored (marked not applicable), so a US-only vendor is never conditioned on a GDPR item.
   */
  readonly outOfScopeChecks?: readonly string[]
}

const stripReason = (f: Finding): Omit<Finding, 'status' | 'reason'> => {
  const {status: _s, ...rest} = f as Finding & {reason?: string}
  delete (rest as {reason?: string}).reason
  return rest
}

const statusRank = (f: Finding) => FINDING_STATUSES.indexOf(f.status)

/** Worst first: failures by severity, then warnings, errors, not assessed, passes. */
export const orderFindings = (findings: readonly Finding[]): Finding[] =>
  [...findings].sort((a, b) => statusRank(a) - statusRank(b) || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.id.localeCompare(b.id))

/** answers + observations → findings → controls → verdict. Pure: the same inputs give the same record. */
export const buildAssessment = (inp: AssessmentInputs): Assessment => {
  const outOfScope = new Set(inp.outOfScopeChecks ?? [])
  // An element finding (contract-dpa.audits) is in scope exactly when its agreement's finding is.
  const baseOf = (ruleId: string) => (ruleId.startsWith('contract-') ? ruleId.split('.')[0]! : ruleId)
  const probeFindings = [...runChecks(inp.checks, inp.observations), ...(inp.documentFindings ?? [])].map((f): Finding =>
    outOfScope.has(baseOf(f.ruleId)) && f.status !== 'not-applicable'
      ? {...stripReason(f), status: 'not-applicable', reason: 'outside the vendor’s jurisdictions', message: 'Not scored: it evidences only frameworks outside the vendor’s jurisdictions.'}
      : f,
  )
  // Scored against the questionnaire as asked of this vendor: questions of other jurisdictions are not asked.
  const questionnaire = inp.questionnaire ? scopeQuestionnaire(inp.questionnaire, inp.vendor.jurisdictions) : undefined
  const questionFindings = questionnaire && inp.answers ? scoreAnswers(questionnaire, inp.answers, {jurisdictions: inp.vendor.jurisdictions}) : []
  const findings = orderFindings([...probeFindings, ...questionFindings])
  const assessedAt = inp.assessedAt.toISOString()
  const verdict = decide(findings, assessedAt, {jurisdictions: inp.vendor.jurisdictions, answered: inp.answers !== undefined})
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
            ...(inp.workspace.policy && Object.keys(inp.workspace.policy).length > 0 ? {policy: inp.workspace.policy} : {}),
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
