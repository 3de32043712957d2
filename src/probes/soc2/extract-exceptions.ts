import {CELL} from './page-lines.js'
import type {ExtractedReport, ReportException} from './soc2-types.js'
import {criteriaIn} from './text-search.js'

const POSITIVE = /\b(?:exceptions?|deviations?)\s+(?:was\s+|were\s+)?(?:noted|identified|found|observed)\b|\bthe following (?:exceptions?|deviations?)\b/gi
const NEGATED = /\b(?:no|without|not|zero|any|if|whether)\s+(?:\w+\s+)?$/i
const HEADER = /control activit(?:y|ies)(?: specified)?|tests? (?:applied|performed)|test procedures|results? of tests|test results/i
const TESTED = /\bno (?:exceptions?|deviations?) (?:were )?noted\b|\b(?:exceptions?|deviations?) (?:were )?noted\b|tests? of (?:operating )?effectiveness|results? of tests|test results/i
const STARTS_EXCEPTION = /\b(?:exceptions?|deviations?)\s+(?:was\s+|were\s+)?(?:noted|identified|found|observed)\b/i
const END = /management['’]s response|\bno (?:exceptions?|deviations?) noted\b/i

/** Where a line's exception belongs: criteria on the line, else the nearest criteria above it (the table row or heading). */
const criteriaFor = (pages: readonly string[][], page: number, line: number): string[] => {
  for (let p = page, l = line; p >= Math.max(0, page - 1); p--, l = (pages[p] ?? []).length - 1) {
    for (let k = l; k >= 0; k--) {
      const found = criteriaIn(pages[p]![k]!)
      if (found.length > 0) return found
    }
  }
  return []
}

/** Exceptions noted in the tests of controls, each with the criteria it concerns and its page. */
export const extractExceptions = (pages: readonly string[]): ExtractedReport['exceptions'] => {
  const tested = pages.findIndex((p) => TESTED.test(p.replace(/\n/g, ' ')))
  if (tested < 0) return undefined
  const split = pages.map((p) => p.split('\n'))
  const items: ReportException[] = []
  const seen = new Set<string>()
  split.forEach((lines, p) => {
    lines.forEach((line, l) => {
      for (const m of line.matchAll(POSITIVE)) {
        if (NEGATED.test(line.slice(0, m.index))) continue
        // A contents entry ("Exceptions noted ...... 12") or a count of none is not an exception.
        if (/\.{4,}\s*\d+\s*$/.test(line) || /^\s*[:|]?\s*(?:0|none|nil|n\/a)\b/i.test(line.slice(m.index + m[0].length))) continue
        if (HEADER.test(line) && !/[.:]/.test(line.slice(m.index))) continue
        const cont: string[] = []
        const inTable = line.includes(CELL)
        for (const next of inTable ? [] : lines.slice(l + 1, l + 4)) {
          if (next.includes(CELL) || criteriaIn(next).length > 0 || END.test(next) || STARTS_EXCEPTION.test(next)) break
          cont.push(next)
        }
        const rest = [line.slice(m.index).split(CELL)[0]!, ...cont].join(' ').replace(/\s*\|\s*/g, ' ')
        const cut = rest.search(END)
        const shown = (cut > 0 ? rest.slice(0, cut) : rest).slice(0, 400).replace(/\s+/g, ' ').trim()
        const criteria = criteriaFor(split, p, l)
        const key = `${criteria.join(',')}|${shown.slice(0, 80).toLowerCase()}`
        if (seen.has(key)) continue
        seen.add(key)
        items.push({criteria, text: shown, page: p + 1})
      }
    })
  })
  return {items, page: tested + 1}
}
