export const ID_PATTERN = '^[a-z0-9]+(?:[.-][a-z0-9]+)*$'
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

export const EVIDENCE_KINDS = [
  'soc2-report',
  'soc2-bridge-letter',
  'iso27001-certificate',
  'hitrust-letter',
  'baa',
  'dpa',
  'pentest-report',
  'policy',
  'fda-clearance',
  'other',
] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

export const idString = {type: 'string', pattern: ID_PATTERN}
export const text = {type: 'string', minLength: 1}
