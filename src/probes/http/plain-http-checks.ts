import type {Check} from '../../checks/check-types.js'
import {subjectsOf} from '../../conditions/evaluate.js'

/** The HTTP checks that judge plain HTTP alone (an http:// URL): every fact they read is under `redirect.`. */
export const plainHttpChecks = (checks: readonly Check[]): Check[] =>
  checks.filter((c) => c.probe === 'http' && [c.applies, c.pass, c.warn].flatMap((k) => (k ? subjectsOf(k) : [])).every((s) => s.startsWith('redirect.')))
