import type {Finding} from '../model/finding.js'
import type {ProgressListener} from '../model/progress-event.js'
import {loadEvidence, type SourceLimits} from '../probes/soc2/evidence-source.js'
import type {VendorProfile} from '../workspace/workspace-types.js'
import {AGREEMENT_KINDS as KINDS, type AgreementKind} from './catalogue.js'
import {agreementFindings, checkAgreement} from './check-agreement.js'

const AGREEMENT_KINDS: ReadonlySet<string> = new Set<string>(KINDS)

/** Bytes kept in the round's evidence/ folder, as the SOC 2 probe keeps its report. */
export interface KeptDocument {
  readonly file: string
  readonly bytes: Buffer
}

/**
 * The contract clause audit of every BAA and DPA in the vendor's evidence list: findings `contract-baa`,
 * `contract-dpa` (the gates' evidence) and one per element. A document that cannot be read is an `error`
 * finding, never a silent gap; the verdict then cannot open the gate.
 */
export const contractFindings = async (
  vendor: VendorProfile,
  vendorDir: string,
  limits: SourceLimits,
  opts: {readonly signal?: AbortSignal; readonly progress?: ProgressListener} = {},
): Promise<{readonly findings: Finding[]; readonly files: KeptDocument[]}> => {
  const entries = (vendor.evidence ?? []).filter((e) => AGREEMENT_KINDS.has(e.kind))
  if (entries.length === 0) return {findings: [], files: []}
  opts.progress?.({type: 'phase-start', phase: 'contracts'})
  const findings: Finding[] = []
  const files: KeptDocument[] = []
  for (const e of entries) {
    const kind = e.kind as AgreementKind
    const doc = await loadEvidence(e, vendorDir, limits, opts.signal)
    if (doc.status === 'error') {
      findings.push(...agreementFindings({status: 'error', kind, source: doc.source, reason: doc.reason}))
      continue
    }
    const kept = `evidence/${doc.doc.file}`
    files.push({file: kept, bytes: doc.doc.bytes})
    // The overall finding names the exact document judged: its hash and the copy kept with the round.
    const judged = agreementFindings(await checkAgreement(doc.doc.bytes, doc.doc.source, kind))
    findings.push(...judged.map((f) => (f.ruleId === `contract-${kind}` ? {...f, evidence: {...f.evidence, sha256: doc.doc.sha256, file: kept}} : f)))
  }
  const errors = findings.filter((f) => f.status === 'error')
  opts.progress?.(errors.length > 0 ? {type: 'phase-end', phase: 'contracts', outcome: 'error', note: 'reason' in errors[0]! ? String(errors[0].reason) : 'unreadable'} : {type: 'phase-end', phase: 'contracts', outcome: 'done'})
  return {findings, files}
}
