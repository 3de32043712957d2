import type {Finding} from '../model/finding.js'
import type {ControlResult, ControlStatus, Framework} from './framework-types.js'

const summaryFor = (status: ControlStatus, n: {pass: number; adverse: number; open: number}): string => {
  switch (status) {
    case 'satisfied':
      return `All ${n.pass} pieces of evidence support it.`
    case 'partially-satisfied':
      return `${n.adverse} of ${n.pass + n.adverse} pieces of evidence fall short.`
    case 'not-satisfied':
      return `The evidence (${n.adverse}) shows it is not met.`
    case 'not-assessed':
      return n.open > 0 ? `${n.open} pieces of evidence could not be gathered or judged.` : 'No evidence was gathered for it.'
    case 'manual':
      return 'Needs the practice’s own review; scanvet cannot evidence it.'
    case 'readiness':
      return 'Proposed rule: shown for readiness, not scored.'
  }
}

/**
 * A control's status from the findings of the checks and questions that evidence it. A failure with no
 * passing evidence beside it is "not satisfied"; failures or warnings beside passes are "partially";
 * nothing judged is "not assessed". Proposals are never scored.
 */
export const rollUp = (frameworks: readonly Framework[], findings: readonly Finding[]): ControlResult[] => {
  const byRule = new Map<string, Finding[]>()
  for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f])
  return frameworks.flatMap((fw) =>
    fw.controls.map((c): ControlResult => {
      const rules = [...(c.evidence.checks ?? []), ...(c.evidence.questions ?? [])]
      const related = rules.flatMap((r) => byRule.get(r) ?? []).filter((f) => f.status !== 'not-applicable')
      const pass = related.filter((f) => f.status === 'pass').length
      const fail = related.filter((f) => f.status === 'fail').length
      const warn = related.filter((f) => f.status === 'warn').length
      const open = related.filter((f) => f.status === 'error' || f.status === 'not-assessed').length
      let status: ControlStatus
      if (c.readiness) status = 'readiness'
      else if (fail > 0 && pass === 0 && warn === 0) status = 'not-satisfied'
      else if (fail > 0 || warn > 0) status = 'partially-satisfied'
      else if (pass > 0 && open === 0) status = 'satisfied'
      else if (pass > 0) status = 'partially-satisfied'
      else if (c.manual && related.length === 0) status = 'manual'
      else status = 'not-assessed'
      return {
        frameworkId: fw.id,
        controlId: c.id,
        citation: c.citation,
        title: c.title,
        requirement: c.requirement,
        area: c.area,
        type: c.type,
        status,
        findings: related.map((f) => f.id),
        summary: summaryFor(status, {pass, adverse: fail + warn, open}),
      }
    }),
  )
}
