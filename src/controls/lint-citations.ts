import type {Document, LineCounter} from 'yaml'

import type {Check} from '../checks/check-types.js'
import type {Problem} from '../errors.js'
import type {Questionnaire} from '../questionnaire/questionnaire-types.js'
import {comparisonParts} from '../conditions/evaluate.js'
import type {Condition} from '../conditions/condition-types.js'
import {nodeAt, positionOf} from '../validation/locate.js'
import {sortProblems} from '../validation/validate-document.js'
import {JURISDICTIONS} from '../schemas/vendor.schema.js'
import type {Framework} from './framework-types.js'
import {isInformativeOnly, resolveCitation, type ProvisionRegister} from './provisions.js'

/** A parsed content file, kept with its YAML document so every problem points at file:line:col. */
export interface Located<T> {
  readonly file: string
  readonly data: T
  readonly doc: Document
  readonly lineCounter: LineCounter
}

export interface CitationLintInput {
  readonly register: ProvisionRegister
  readonly frameworks: readonly Located<Framework>[]
  readonly checks: readonly Located<Omit<Check, 'file'>>[]
  readonly questionnaires: readonly Located<Questionnaire>[]
  /** The date a "not yet applicable" provision is judged on (YYYY-MM-DD). */
  readonly asOf: string
}

const at = <T>(l: Located<T>, pointer: string, message: string): Problem => ({file: l.file, ...positionOf(nodeAt(l.doc, pointer), l.lineCounter), message, pointer})

const subjectsOf = (c: Condition): string[] => {
  if ('all' in c && c.all) return c.all.flatMap(subjectsOf)
  if ('any' in c && c.any) return c.any.flatMap(subjectsOf)
  if ('not' in c && c.not) return subjectsOf(c.not)
  const p = comparisonParts(c)
  return p ? [p.subject] : []
}

/**
 * The citations lint: every citation in the catalogues and checks is in the register; nothing that is only a
 * proposal, a consultation draft or law not yet applicable decides anything; an in-force control is not
 * evidenced by practice-policy thresholds alone; and a question is asked only where a framework uses it.
 */
export const lintCitations = (inp: CitationLintInput): Problem[] => {
  const problems: Problem[] = []
  const {register, asOf} = inp
  const resolve = (c: string) => resolveCitation(register, c)
  const policyQuestions = new Set(inp.questionnaires.flatMap((q) => q.data.sections.flatMap((s) => s.questions.filter((x) => x.expect?.basis === 'practice-policy').map((x) => x.id))))

  // Controls: citation and guidance resolve; scored controls rest on binding, applicable provisions.
  for (const fw of inp.frameworks) {
    fw.data.controls.forEach((c, i) => {
      const ptr = `/controls/${i}`
      const p = resolve(c.citation)
      if (!p) problems.push(at(fw, `${ptr}/citation`, `'${c.citation}' (${c.id}) is not in the register of provisions (data/provisions/); add it with its status, or correct the citation`))
      else {
        if (!c.readiness && isInformativeOnly(p, asOf)) {
          const what = p.status === 'proposed' ? 'a proposed rule' : p.status === 'draft' ? 'a consultation draft' : `not applicable before ${p.appliesFrom}`
          problems.push(at(fw, `${ptr}/citation`, `${c.id} is scored but '${c.citation}' is ${what}: mark the control readiness: true (a proposal never decides)`))
        }
        if (c.readiness && p.status === 'in-force' && !isInformativeOnly(p, asOf)) problems.push(at(fw, `${ptr}/readiness`, `${c.id} is readiness but '${c.citation}' is in force and applicable: score it`))
        if (p.type && (c.type === 'required' || c.type === 'addressable' || p.type === 'required' || p.type === 'addressable') && p.type !== c.type) {
          problems.push(at(fw, `${ptr}/type`, `${c.id} is typed ${c.type} but the register has '${c.citation}' as ${p.type}`))
        }
      }
      ;(c.guidance ?? []).forEach((g, gi) => {
        if (!resolve(g)) problems.push(at(fw, `${ptr}/guidance/${gi}`, `guidance '${g}' (${c.id}) is not in the register of provisions`))
      })
      const qs = c.evidence.questions ?? []
      const cs = c.evidence.checks ?? []
      if (!c.readiness && !c.manual && qs.length > 0 && cs.length === 0 && qs.every((q) => policyQuestions.has(q))) {
        problems.push(at(fw, `${ptr}/evidence`, `${c.id} is in force but its only evidence is practice-policy thresholds (${qs.join(', ')}); add evidence of what the provision itself requires`))
      }
    })
  }

  // Checks: references resolve; a check never scores on a proposal or draft alone.
  for (const ch of inp.checks) {
    const refs = ch.data.references ?? []
    const resolved = refs.map(resolve)
    refs.forEach((r, i) => {
      if (!resolved[i]) problems.push(at(ch, `/references/${i}`, `'${r}' (${ch.data.id}) is not in the register of provisions (data/provisions/); add it with its status, or correct the citation`))
    })
    const known = resolved.filter((p) => p !== undefined)
    const informative = known.filter((p) => isInformativeOnly(p, asOf))
    if (ch.data.severity !== 'info' && informative.length > 0 && !known.some((p) => p.status === 'in-force' && !isInformativeOnly(p, asOf))) {
      problems.push(at(ch, '/references', `${ch.data.id} scores (${ch.data.severity}) on ${informative.map((p) => p.citation).join(', ')} only, which cannot decide: cite the binding provision it evidences`))
    }
  }

  // Questions: scored only on binding controls; asked only of the jurisdictions whose frameworks use them.
  const controlsOf = new Map<string, {fw: Framework; readiness: boolean}[]>()
  for (const fw of inp.frameworks) for (const c of fw.data.controls) for (const q of c.evidence.questions ?? []) controlsOf.set(q, [...(controlsOf.get(q) ?? []), {fw: fw.data, readiness: c.readiness === true}])
  for (const ql of inp.questionnaires) {
    const byId = new Map(ql.data.sections.flatMap((s) => s.questions).map((q) => [q.id, q]))
    ql.data.sections.forEach((s, si) =>
      s.questions.forEach((q, qi) => {
        const ptr = `/sections/${si}/questions/${qi}`
        const used = controlsOf.get(q.id) ?? []
        // An answer that can change the verdict must be given in every channel (form, sheet, terminal).
        if (q.expect && q.expect.severity !== 'info' && !q.required) problems.push(at(ql, `${ptr}/expect`, `'${q.id}' can change the verdict but is not required: add required: true`))
        if (q.expect && q.expect.severity !== 'info' && q.expect.basis !== 'practice-policy' && used.length > 0 && used.every((u) => u.readiness)) {
          problems.push(at(ql, `${ptr}/expect`, `'${q.id}' is scored but evidences only proposals (readiness); mark it basis: practice-policy or map it to a binding control`))
        }
        if (used.length > 0 && inp.frameworks.length > 0) {
          const scopes = used.map((u) => u.fw.jurisdictions)
          if (!scopes.some((j) => j === undefined)) {
            const where = [...new Set(scopes.flat())].sort() as string[]
            if (!q.jurisdictions && where.length === JURISDICTIONS.length) {
              // Used in every jurisdiction: asked of every vendor, rightly.
            } else if (!q.jurisdictions) problems.push(at(ql, `${ptr}/id`, `'${q.id}' is asked of every vendor but only frameworks of ${where.join(', ')} use it: add jurisdictions: [${where.join(', ')}]`))
            else {
              const extra = q.jurisdictions.filter((j) => !where.includes(j))
              if (extra.length) problems.push(at(ql, `${ptr}/jurisdictions`, `'${q.id}' is asked in ${extra.join(', ')}, where no framework uses it`))
            }
          }
        }
        if (q.when && q.jurisdictions) {
          for (const sub of subjectsOf(q.when)) {
            const parent = byId.get(sub)
            if (parent?.jurisdictions && q.jurisdictions.some((j) => !parent.jurisdictions!.includes(j))) {
              problems.push(at(ql, `${ptr}/when`, `'${q.id}' is asked in ${q.jurisdictions.join(', ')} but depends on '${sub}', asked only in ${parent.jurisdictions.join(', ')}`))
            }
          }
        }
      }),
    )
  }
  return sortProblems(problems)
}
