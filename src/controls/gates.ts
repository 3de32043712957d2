import type {Finding} from '../model/finding.js'
import type {Jurisdiction} from '../workspace/workspace-types.js'

/**
 * A gate is a document that must be in hand, signed and complete, before any image is sent. A questionnaire
 * answer is not evidence of what a contract says, so only the contract clause audit's finding (a check read
 * from the signed document) can open a gate; an explicit "no" in the questionnaire closes it.
 */
export interface GateDefinition {
  readonly id: 'baa' | 'dpa'
  /** Applies to a vendor in this jurisdiction. */
  readonly jurisdiction: Jurisdiction
  readonly title: string
  /** The check (contract clause audit) whose finding is the evidence. */
  readonly checkId: string
  /** The questionnaire question whose explicit "no" fails the gate without a document. */
  readonly questionId: string
  readonly citation: string
  /** What page 1 tells the practice to obtain when the gate is not met. */
  readonly obtain: string
}

export const GATES: readonly GateDefinition[] = [
  {
    id: 'baa',
    jurisdiction: 'US',
    title: 'Business associate agreement',
    checkId: 'contract-baa',
    questionId: 'agreements.baa-signed',
    citation: '45 CFR 164.502(e)',
    obtain: 'Obtain the business associate agreement signed by both sides, and add it to the vendor’s evidence so scanvet can check its clauses.',
  },
  {
    id: 'dpa',
    jurisdiction: 'EU',
    title: 'Data processing agreement (GDPR Art. 28)',
    checkId: 'contract-dpa',
    questionId: 'agreements.dpa-signed',
    citation: 'GDPR Art. 28(3)',
    obtain: 'Obtain the data processing agreement (GDPR Article 28) signed by both sides, and add it to the vendor’s evidence so scanvet can check its terms.',
  },
]

export const GATE_STATUSES = ['met', 'failed', 'no-evidence'] as const
export type GateStatus = (typeof GATE_STATUSES)[number]

export interface GateResult {
  readonly id: GateDefinition['id']
  readonly title: string
  readonly status: GateStatus
  /** Why, in plain words. */
  readonly reason: string
  /** Finding ids read. */
  readonly findings: readonly string[]
  /** What to obtain; absent when the gate is met. */
  readonly obtain?: string
}

/** The gates of a vendor's jurisdictions, judged on the findings. Pure. */
export const evaluateGates = (findings: readonly Finding[], jurisdictions: readonly Jurisdiction[]): GateResult[] =>
  GATES.filter((g) => jurisdictions.includes(g.jurisdiction)).map((g): GateResult => {
    const docs = findings.filter((f) => f.ruleId === g.checkId && f.source === 'check')
    const answer = findings.find((f) => f.ruleId === g.questionId && f.source === 'question')
    const ids = [...docs, ...(answer ? [answer] : [])].map((f) => f.id)
    // A failing document outranks a passing one: two contracts on file, one incomplete, is not a clean gate.
    const failed = docs.find((f) => f.status === 'fail' || f.status === 'warn')
    if (failed) return {id: g.id, title: g.title, status: 'failed', reason: failed.message, findings: ids, obtain: g.obtain}
    if (answer?.status === 'fail') return {id: g.id, title: g.title, status: 'failed', reason: 'The vendor says it will not sign one.', findings: ids, obtain: g.obtain}
    if (docs.some((f) => f.status === 'pass')) return {id: g.id, title: g.title, status: 'met', reason: 'Signed, with every required clause.', findings: ids}
    const why = docs.find((f) => f.status === 'error' || f.status === 'not-assessed')
    return {
      id: g.id,
      title: g.title,
      status: 'no-evidence',
      reason: why && 'reason' in why ? `The agreement could not be checked: ${why.reason}.` : 'No signed agreement has been checked; an answer in the questionnaire is not evidence of what the agreement says.',
      findings: ids,
      obtain: g.obtain,
    }
  })
