import type {Assessment} from '../assessment/assessment-types.js'

export const CSV_COLUMNS = ['finding_id', 'rule_id', 'source', 'status', 'severity', 'title', 'target', 'message', 'remediation', 'controls', 'condition', 'owner', 'due'] as const

/** RFC 4180: quote every field, double the quotes; a leading =+-@ is prefixed so spreadsheets never run it. */
const cell = (v: string): string => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replaceAll('"', '""')}"`

/** findings.csv: one row per finding, with its controls and its condition (owner, due date) when it has one. */
export const toFindingsCsv = (a: Assessment): string => {
  const controls = new Map<string, string[]>()
  for (const c of a.controls) for (const id of c.findings) controls.set(id, [...(controls.get(id) ?? []), c.citation])
  const conditions = new Map(a.verdict.conditions.map((c) => [c.findingId, c]))
  const rows = a.findings.map((f) => {
    const cond = conditions.get(f.id)
    return [f.id, f.ruleId, f.source, f.status, f.severity, f.title, f.target ?? '', f.message, f.remediation ?? '', [...new Set(controls.get(f.id) ?? [])].join('; '), cond?.id ?? '', cond?.owner ?? '', cond?.due ?? '']
  })
  return [[...CSV_COLUMNS], ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}
