import type {Assessment} from '../assessment/assessment-types.js'
import type {Finding} from '../model/finding.js'
import type {ReportSection, ReportTable} from '../report/report-section.js'

const WORD: Readonly<Record<string, string>> = {present: 'present', missing: 'MISSING', contrary: 'AGAINST US', unclear: 'unclear'}

interface ElementEvidence {
  readonly status?: string
  readonly clause?: string
  readonly page?: number
}

interface OverallEvidence {
  readonly format?: string
  readonly ocr?: boolean
  readonly signed?: boolean
  readonly present?: number
  readonly elements?: number
  readonly sha256?: string
}

const where = (e: ElementEvidence): string => [e.clause ? `§${e.clause.replace(/^Section /, '')}` : '', e.page ? `p. ${e.page}` : ''].filter(Boolean).join(', ') || '—'

/**
 * The contract clause audit, agreement by agreement: one row per element with the provision it implements,
 * what scanvet found and where. Failed elements also appear among the findings with the quote and what to ask;
 * passed ones only here, so the list of passed checks is not 30 lines of clauses.
 */
export const contractReportSection = (a: Assessment): ReportSection | undefined => {
  const agreements = a.findings.filter((f) => f.source === 'check' && /^contract-[a-z]+$/.test(f.ruleId))
  if (agreements.length === 0) return undefined
  const notes: string[] = []
  const tables: ReportTable[] = agreements.map((overall) => {
    const ev = (overall.evidence ?? {}) as OverallEvidence
    const target = overall.target ?? ''
    const elements = a.findings.filter((f: Finding) => f.ruleId.startsWith(`${overall.ruleId}.`) && f.target === overall.target)
    const state = overall.status === 'error' ? `could not be read (${'reason' in overall ? overall.reason : 'unreadable'})` : overall.status === 'not-applicable' ? 'not scored for this vendor’s jurisdictions' : `${ev.signed ? 'signed' : 'NOT SIGNED'}, ${ev.present ?? 0} of ${ev.elements ?? elements.length} elements present`
    if (ev.ocr) notes.push(`${target} is a scan and was read by OCR: confirm each deciding clause against the document before relying on it.`)
    const asks = elements.filter((f) => f.status === 'fail' || f.status === 'warn').flatMap((f) => (f.remediation ? [`${f.title}: ${f.remediation}`] : []))
    if (!ev.signed && overall.status !== 'error' && overall.status !== 'not-applicable') asks.unshift('Both parties sign the agreement.')
    if (asks.length > 0 && overall.status !== 'not-applicable') notes.push(`To send the vendor for ${target}: ${asks.map((x, i) => `(${i + 1}) ${x}`).join(' ')}`)
    if (ev.sha256) notes.push(`${target}: SHA-256 ${ev.sha256}; the copy judged is kept with this round.`)
    return {
      columns: [
        {header: `${overall.title} — ${target}: ${state}`, width: 0.46},
        {header: 'Provision', width: 0.28},
        {header: 'Found', width: 0.12},
        {header: 'Where', width: 0.14},
      ],
      rows: elements.map((f) => {
        const e = (f.evidence ?? {}) as ElementEvidence
        return [f.title, (f.references ?? []).join('; '), f.status === 'not-applicable' ? 'not scored' : (WORD[e.status ?? ''] ?? f.status), where(e)]
      }),
    }
  })
  return {
    id: 'contracts',
    title: 'Business associate and data processing agreements',
    intro:
      'Each agreement in the vendor’s evidence list was read clause by clause against the elements the law requires of it (45 CFR 164.504(e) and 164.314(a) for a BAA, GDPR Art. 28(3) for a DPA) and the practice’s own red lines (no training on its data, no sale). “Against us” means a clause says the opposite or weakens the element; the findings quote it and say what to ask for.',
    tables,
    notes,
  }
}
