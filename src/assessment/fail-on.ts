import {SEVERITY_RANK, type Finding} from '../model/finding.js'
import type {Severity} from '../schemas/common.js'

/** The --fail-on gate: does any finding fail at this severity or worse? */
export const failsAt = (findings: readonly Finding[], threshold: Severity): boolean =>
  findings.some((f) => f.status === 'fail' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold])
