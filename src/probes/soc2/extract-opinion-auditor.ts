import type {Located, Opinion} from './soc2-types.js'
import {firstMatch, located, matchOn, type PageMatch} from './text-search.js'

/* Ordered: the explicit forms of a modified opinion outrank the generic "In our opinion" sentence. */
const OPINION_RULES: readonly [RegExp, Opinion][] = [
  [/\bopinion(?: type)?\s*(?:\||:)\s*(?:an?\s+)?(unqualified|unmodified)\b/i, 'unqualified'],
  [/\bopinion(?: type)?\s*(?:\||:)\s*(?:an?\s+)?qualified\b/i, 'qualified'],
  [/\bopinion(?: type)?\s*(?:\||:)\s*(?:an?\s+)?adverse\b/i, 'adverse'],
  [/\bopinion(?: type)?\s*(?:\||:)\s*(?:a\s+)?disclaim/i, 'disclaimer'],
  [/\bdisclaimer of opinion\b|we (?:do|did) not express an opinion on (?:the description|the suitability|the fairness|whether|management['’]s)|unable to obtain sufficient appropriate evidence to (?:provide a basis for|express) an opinion/i, 'disclaimer'],
  [/\b(?:basis for )?adverse opinion\b/i, 'adverse'],
  [/\b(?:basis for )?qualified opinion\b|in our opinion,? except for|except for the (?:matter|effects?|possible effects?) (?:described|referred to)/i, 'qualified'],
  [/\bin our opinion,? (?:because of|due to) the significance/i, 'adverse'],
  [/\bin our opinion,? in all material respects/i, 'unqualified'],
]

export const extractOpinion = (pages: readonly string[]): Located<Opinion> | undefined => {
  for (const [re, value] of OPINION_RULES) {
    const m = firstMatch(pages, re)
    if (m) return located(value, m)
  }
  return undefined
}

const SUFFIX = '(?:LLP|L\\.L\\.P\\.|PLLC|LLC|P\\.C\\.|P\\.A\\.|CPAs?|Chartered (?:Professional )?Accountants|GmbH|AG|Ltd\\.?|Limited)'
// The legal name runs to the last suffix: "… CPAs, P.C." is one name, not "… CPAs".
const FIRM = `([A-Z][A-Za-z0-9&,.'’ -]{1,80}?,?\\s${SUFFIX}(?:,?\\s${SUFFIX})*)(?![A-Za-z])`
const LABELS = ['service auditor', 'independent auditor', 'prepared by', 'issued by', 'audited by', 'examination performed by', 'examination conducted by', 'performed by', 'auditor']
const LABELLED = new RegExp(`(?:${LABELS.map((l) => `[${l[0]!.toUpperCase()}${l[0]}]${l.slice(1)}`).join('|')})\\s*(?:\\||:|-|–)?\\s*${FIRM}`)
const SIGNATURE = new RegExp(`^(?:/s/\\s*)?${FIRM}$`)

/** The service auditor: named on a label ("Service auditor: …", "Prepared by …") or signing the opinion. */
export const extractAuditor = (pages: readonly string[], exclude: readonly string[] = []): Located<string> | undefined => {
  const ok = (name: string) => !exclude.some((x) => x && name.toLowerCase().includes(x.toLowerCase()))
  for (let i = 0; i < pages.length; i++) {
    const m = matchOn(pages, LABELLED, i)
    if (m && m.page === i + 1 && ok(m.match[1]!)) return located(m.match[1]!.trim(), m)
  }
  const start = pages.findIndex((p) => /independent service auditor|report of independent/i.test(p))
  for (let i = Math.max(0, start); i < pages.length; i++) {
    const lines = pages[i]!.split('\n')
    for (const line of lines) {
      const s = SIGNATURE.exec(line.trim())
      if (s && ok(s[1]!)) {
        const text = lines.join(' ')
        const at: PageMatch = {match: Object.assign([line], {index: text.indexOf(line), input: text, groups: undefined}) as RegExpExecArray, page: i + 1, text}
        return located(s[1]!.trim(), at)
      }
    }
  }
  return undefined
}

const BASIS = /\bBasis for (?:(?:a|the)\s+)?(?:Qualified|Adverse|Modified|Disclaimer of)\s+Opinion\s*:?\s+(.{20,700}?)(?=\s+(?:(?:Qualified |Adverse |Modified )?Opinion\b|In our opinion\b|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,4}\s*$)|$)/i

/** Why a modified opinion is modified: the paragraph under its "Basis for … Opinion" heading. */
export const extractOpinionBasis = (pages: readonly string[]): Located<string> | undefined => {
  const m = firstMatch(pages, BASIS)
  return m ? located(m.match[1]!.trim(), m) : undefined
}
