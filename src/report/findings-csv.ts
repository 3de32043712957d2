import type {Assessment} from '../assessment/assessment-types.js'

export const CSV_COLUMNS = ['finding_id', 'rule_id', 'source', 'status', 'severity', 'title', 'target', 'message', 'remediation', 'controls', 'condition', 'owner', 'due'] as const

/** RFC 4180: quote every field, double the quotes; a leading =+-@ is prefixed so spreadsheets never run it. */
const cell = (v: string): string => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replaceAll('"', '""')}"`

/** findings.csv: one row per finding, with its controls and its condition (owner, due date) when it has one. */
export const toFindingsCsv = (a: Assessment): string => {
  const controls = new Map<string, string[]>()
  // A proposal is never printed as a finding's basis: it is labelled readiness.
  for (const c of a.controls) for (const id of c.findings) controls.set(id, [...(controls.get(id) ?? []), c.status === 'readiness' ? `Readiness (proposed): ${c.citation}` : c.citation])
  const conditions = new Map(a.verdict.conditions.map((c) => [c.findingId, c]))
  const rows = a.findings.map((f) => {
    const cond = conditions.get(f.id)
    const title = f.status === 'fail' || f.status === 'warn' ? (f.headline ?? f.title) : f.title
    return [f.id, f.ruleId, f.source, f.status, f.severity, title, f.target ?? '', f.message, f.remediation ?? '', [...new Set(controls.get(f.id) ?? [])].join('; '), cond?.id ?? '', cond?.owner ?? '', cond?.due ?? '']
  })
  return [[...CSV_COLUMNS], ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}
