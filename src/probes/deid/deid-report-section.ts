import type {Assessment} from '../../assessment/assessment-types.js'
import type {ReportSection} from '../../report/report-section.js'

const get = (o: unknown, p: string): unknown =>
  p.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)
const n = (v: unknown): string => (typeof v === 'number' ? String(v) : '—')
const list = (v: unknown): string => (Array.isArray(v) && v.length ? v.join(', ') : 'none')

/** De-identification: what the sample studies and returned results still carry, and how the answers compare. */
export const deidReportSection = (a: Assessment): ReportSection | undefined => {
  const obs = a.observations.filter((o) => o.probe === 'deid')
  if (obs.length === 0) return undefined
  const o = obs[0]!
  if (o.status !== 'ok') {
    return {id: 'deid', title: 'De-identification of images', intro: o.reason, tables: []}
  }
  const f = o.facts
  const row = (label: string, key: string): string[] | undefined =>
    get(f, key) === undefined
      ? undefined
      : [label, n(get(f, `${key}.checked`)), n(get(f, `${key}.identifyingFiles`)), n(get(f, `${key}.identifying`)), n(get(f, `${key}.quarantined`)), n(get(f, `${key}.methodProblems`)), list(get(f, `${key}.claimedOptions`))]
  const rows = [row('Studies you send', 'sent'), row('Results returned', 'returned')].filter((r): r is string[] => r !== undefined)
  const examples = [...((get(f, 'sent.examples') as string[] | undefined) ?? []), ...((get(f, 'returned.examples') as string[] | undefined) ?? [])]
  const contradictions = (get(f, 'consistency.contradictions') as string[] | undefined) ?? []
  return {
    id: 'deid',
    title: 'De-identification of images',
    intro: `Sample files checked against DICOM PS3.15 Annex E (Basic Profile${list(get(f, 'options')) === 'none' ? '' : ` with ${list(get(f, 'options'))}`}) and HIPAA Safe Harbor. Values are never shown here, only where they were found.`,
    tables: [
      {
        columns: [
          {header: 'Samples', width: 0.18},
          {header: 'Files', width: 0.08},
          {header: 'With identifiers', width: 0.14},
          {header: 'Items found', width: 0.12},
          {header: 'Quarantine (pixels)', width: 0.14},
          {header: 'Method not recorded truthfully', width: 0.16},
          {header: 'Options claimed', width: 0.18},
        ],
        rows,
      },
      ...(examples.length
        ? [{columns: [{header: 'Where identifiers remain (file, tag path, attribute)', width: 1}], rows: examples.map((e) => [e])}]
        : []),
      ...(contradictions.length ? [{columns: [{header: 'Answers that the samples contradict', width: 1}], rows: contradictions.map((c) => [c])}] : []),
    ],
    notes: [
      'Burned-in text in pixels cannot be read from headers: images marked or typed as carrying it are listed for a person to review.',
      get(f, 'originalsKnown') ? 'UIDs and identifiers were compared with the original studies.' : 'No original studies were given, so UID remapping could not be proven.',
    ],
  }
}
