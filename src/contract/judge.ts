import type {AgreementKind, ContractCatalogue, ContractElement} from './catalogue.js'
import {deadlinesOf} from './deadline.js'
import type {Sentence} from './segment.js'

export type ElementStatus = 'present' | 'missing' | 'contrary' | 'unclear'

export interface ElementResult {
  readonly id: string
  readonly provision: string
  readonly title: string
  readonly severity: ContractElement['severity']
  readonly status: ElementStatus
  /** The deciding sentence, verbatim from the document's text; absent when nothing in the document is about it. */
  readonly quote?: string
  readonly page?: number
  readonly clause?: string
  /** The rule that decided, in plain words. */
  readonly why: string
  readonly remedy: string
}

export interface Signature {
  readonly signed: boolean
  readonly quote?: string
  readonly page?: number
}

// Relief from the duty the sentence is about: the vendor "shall not be required to", "has no obligation to".
const RELIEF = /\b(shall|will|is|are|need) not (be )?(required|obligated|obliged|responsible|liable)\b|\bno (obligation|duty)\b|\bneed not\b|\bnot (required|obligated|obliged) to\b|\bdisclaims?\b|\bwaive[sd]?\b/i
// Qualification that leaves the duty to the vendor's judgment.
const QUALIFIED = /\bwhere (feasible|practicable|possible)\b|\bto the extent (commercially |reasonably )?(reasonable|practicable|feasible)\b|\bcommercially reasonable efforts\b|\bin its (sole |absolute )?discretion\b|\bif (it|the vendor|business associate|processor) (so )?(elects|chooses|deems)\b|\bmay,? (but need not|at its option)\b|\bat its (sole )?option\b/i

const rx = (p: string) => new RegExp(p, 'i')
const about = (el: ContractElement, s: Sentence): boolean => el.topic.every((p) => rx(p).test(s.text))

/** weak: a passing mention (a transfer named without its mechanism) that does not decide when another sentence does. */
type Judged = {status: ElementStatus; why: string; weak?: boolean}

const judgeDeadline = (el: ContractElement, s: Sentence): Judged | undefined => {
  const d = el.deadline
  if (!d) return undefined
  const limitH = d.maxHours ?? (d.maxDays ?? 0) * 24
  const all = deadlinesOf(s.text).filter((x) => x.kind === 'open' || x.hours > 0)
  const fixed = all.filter((x) => x.kind === 'fixed')
  if (fixed.length > 0) {
    const longest = Math.max(...fixed.map((x) => (x.kind === 'fixed' ? x.hours : 0)))
    const words = fixed.map((x) => x.words).join(', ')
    if (longest > limitH) return {status: 'contrary', why: `the deadline (${words}) is longer than ${d.maxHours ? `${d.maxHours} hours` : `${d.maxDays} days`}`}
    return {status: 'present', why: `notice within ${words}${longest < limitH ? ` (shorter than the ${d.maxHours ? `${d.maxHours}-hour` : `${d.maxDays}-day`} outer limit)` : ''}`}
  }
  if (rx(d.promptWords).test(s.text)) {
    if (d.maxHours) return {status: 'present', why: `notice "${d.promptWords}"`}
    return {status: 'unclear', why: `notice "${d.promptWords}" but no outer limit of ${d.maxDays} days`}
  }
  const open = all.find((x) => x.kind === 'open')
  if (open) return {status: 'contrary', why: `the deadline "${open.words}" is open-ended`}
  return {status: 'unclear', why: 'no deadline for the notice'}
}

const judgeSentence = (el: ContractElement, s: Sentence, defined: readonly Sentence[]): Judged => {
  if (el.prohibition) {
    if (rx(el.prohibition.forbiddenIf).test(s.text) && !/\bexcept\b|\bunless\b|\bprovided that\b/i.test(s.text)) return {status: 'present', why: 'the agreement forbids it'}
    if (rx(el.prohibition.allowedIf).test(s.text)) return {status: 'present', why: 'allowed only for de-identified data, a limited data set or the service itself'}
    return {status: 'contrary', why: s.definition ? 'a defined term grants the permission' : 'the agreement grants the permission'}
  }
  if (RELIEF.test(s.text)) return {status: 'contrary', why: 'the clause relieves the vendor of the duty'}
  for (const p of el.contrary ?? []) if (rx(p).test(s.text)) return {status: 'contrary', why: 'the clause limits the element below what the provision requires'}
  if (QUALIFIED.test(s.text)) return {status: 'unclear', why: 'the duty is qualified and left to the vendor’s judgment'}
  const dl = judgeDeadline(el, s)
  if (dl) return dl
  if (el.subprocessor && /\bgeneral\b/i.test(s.text)) {
    const related = [s, ...defined]
    const notice = related.some((x) => /\b(notif|inform|notice)/i.test(x.text))
    const object = related.some((x) => /\bobject/i.test(x.text) && !RELIEF.test(x.text) && !/\bnot\b.{0,30}\bobject/i.test(x.text))
    if (!notice || !object) return {status: 'contrary', why: 'a general authorisation without notice of changes and a right to object'}
  }
  if (el.transfer) {
    if (/standard contractual clauses|\bsccs?\b/i.test(s.text)) {
      if (/\bmodule\s+(one|two|three|four|[1-4])\b/i.test(s.text)) return {status: 'present', why: 'SCCs with the module named'}
      return {status: 'unclear', why: 'SCCs named without the module'}
    }
    if (/adequacy|data privacy framework/i.test(s.text)) return {status: 'present', why: 'the transfer mechanism is named'}
    return {status: 'unclear', why: 'no transfer mechanism named', weak: true}
  }
  if (el.requires && !rx(el.requires.pattern).test(s.text)) return {status: el.requires.otherwise, why: el.requires.why}
  return {status: 'present', why: 'the clause states the element'}
}

const RANK: Record<ElementStatus, number> = {contrary: 3, unclear: 2, present: 1, missing: 0}

/**
 * Each element of the catalogue against the document. Sentences about an element are judged one by one; an
 * amendment's sentence overrides the original clauses; otherwise the sentence that works most against the
 * practice decides, so a duty stated in Section 4 and taken back in Section 9 is contrary, not present.
 */
export const judgeElements = (cat: ContractCatalogue, sentences: readonly Sentence[]): ElementResult[] =>
  cat.elements.map((el): ElementResult => {
    const base = {id: el.id, provision: el.provision, title: el.title, severity: el.severity, remedy: el.remedy}
    const body = sentences.filter((s) => !s.signature && !s.heading)
    const hits = body.filter((s) => about(el, s))
    // Sentences that point to a clause ("as set out in Section 7.3") bring that clause's sentences in.
    const refs = hits.flatMap((h) => [...h.text.matchAll(/\b(?:section|clause|article|exhibit|schedule|annex)\s+([A-Z0-9][\w.()]*)/gi)].map((m) => m[1]!.replace(/[.]$/, '')))
    const referenced = body.filter((s) => refs.some((r) => s.clause === r || s.clause.startsWith(`${r}(`) || s.clause.replace(/^(Section|Article|Exhibit|Schedule|Annex) /i, '') === r))
    if (hits.length === 0) {
      if (el.prohibition) return {...base, status: 'present', why: 'the agreement grants no such permission'}
      return {...base, status: 'missing', why: 'no clause of the agreement states this element'}
    }
    const judged = hits.map((s) => ({s, j: judgeSentence(el, s, referenced)}))
    const amended = judged.filter((x) => x.s.amendment)
    const strong = judged.filter((x) => !x.j.weak)
    const pool = amended.length > 0 ? [amended.at(-1)!] : strong.length > 0 ? strong : judged
    const best = pool.reduce((a, b) => (RANK[b.j.status] > RANK[a.j.status] ? b : a))
    // A prohibition element's present verdict should quote the prohibition when there is one.
    return {...base, status: best.j.status, quote: best.s.text, page: best.s.page, clause: best.s.clause, why: best.j.why}
  })

/** Signed when the signature block names a signatory (a typed or /s/ name), not a blank line. */
export const signatureOf = (sentences: readonly Sentence[]): Signature => {
  const block = sentences.filter((s) => s.signature || /^(by|signature|signed)\s*:/i.test(s.text))
  const named = block.find((s) => /^(by|signature|signed|\/s\/)\s*:?\s*(\/s\/\s*)?[A-Z][a-z]+(\s+[A-Z][a-z.]+)+/i.test(s.text) && !/_{3,}/.test(s.text))
  if (named) return {signed: true, quote: named.text, page: named.page}
  return {signed: false}
}

export const guessKind = (sentences: readonly Sentence[]): AgreementKind => {
  const text = sentences.slice(0, 40).map((s) => s.text).join(' ')
  const dpa = (text.match(/\b(processor|controller|personal data|gdpr)\b/gi) ?? []).length
  const baa = (text.match(/\b(business associate|covered entity|protected health information|phi|hipaa)\b/gi) ?? []).length
  return dpa > baa ? 'dpa' : 'baa'
}
