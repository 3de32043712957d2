import {CELL} from './page-lines.js'
import type {ExtractedReport, Subservice} from './soc2-types.js'
import {flatten} from './text-search.js'

/* Cloud and infrastructure providers that SOC 2 reports commonly carve out; aliases map to one name. */
const KNOWN: readonly [RegExp, string][] = [
  [/\bAmazon Web Services\b|\bAWS\b/, 'Amazon Web Services'],
  [/\bMicrosoft Azure\b|\bAzure\b/, 'Microsoft Azure'],
  [/\bGoogle Cloud(?: Platform)?\b|\bGCP\b/, 'Google Cloud Platform'],
  [/\bOracle Cloud(?: Infrastructure)?\b|\bOCI\b/, 'Oracle Cloud Infrastructure'],
  [/\bIBM Cloud\b/, 'IBM Cloud'],
  [/\bDigitalOcean\b/, 'DigitalOcean'],
  [/\bRackspace\b/, 'Rackspace'],
  [/\bEquinix\b/, 'Equinix'],
  [/\bCloudflare\b/, 'Cloudflare'],
  [/\bSnowflake\b/, 'Snowflake'],
  [/\bMongoDB Atlas\b/, 'MongoDB Atlas'],
  [/\bSalesforce\b/, 'Salesforce'],
  [/\bOkta\b/, 'Okta'],
  [/\bTwilio\b/, 'Twilio'],
]

const NONE = /(?:does|do|did) not (?:use|utili[sz]e|rely on|engage) (?:any )?subservice organi[sz]ations?|\bno subservice organi[sz]ations?\b|subservice organi[sz]ations?\s*(?:\||:)\s*(?:none|not applicable|n\/a)\b/i
const MENTION = /subservice organi[sz]ation/i
const NAME = "[A-Z][A-Za-z0-9.&'’-]*(?:\\s+(?:[A-Z][A-Za-z0-9.&'’-]*|of|and))*?(?:,? Inc\\.?|,? LLC|,? Ltd\\.?|,? L\\.P\\.)?"
const PROSE = [
  new RegExp(`\\b(?:uses|utili[sz]es|relies on|engages)\\s+(${NAME})\\s+(?:as|to act as) (?:a|its|the) subservice organi[sz]ation`, 'g'),
  new RegExp(`(${NAME}),\\s+(?:a|its|our|the company's) subservice organi[sz]ation\\b`, 'g'),
  new RegExp(`subservice organi[sz]ations?,?\\s+(?:called\\s+|named\\s+)?(${NAME})\\s*(?:\\(|,|to |for )`, 'g'),
  new RegExp(`(${NAME})\\s*\\([“"”']?[A-Za-z]{2,12}[“"”']?\\),?\\s+(?:as|is|acts as|serves as) (?:a|the|its|our) subservice`, 'g'),
]

/* The method is read from the sentence naming the organisation and the one after it, not from a neighbour's. */
const sentencesFrom = (text: string, at: number): string => {
  const start = Math.max(0, text.lastIndexOf('. ', at) + 1)
  let end = at
  for (let k = 0; k < 2; k++) {
    const next = text.slice(end).search(/\.\s+[A-Z(]/)
    end = next < 0 ? text.length : end + next + 1
  }
  return text.slice(start, end)
}

const methodIn = (text: string): Subservice['method'] | undefined =>
  /carve[- ]?out|carved[- ]out|excludes? the (?:relevant )?controls/i.test(text) ? 'carve-out' : /inclusive method|includes? the (?:relevant )?controls of/i.test(text) ? 'inclusive' : undefined

export const canonicalName = (raw: string): string => {
  // A final full stop belongs to "Inc." or "Ltd.", not to the sentence, when it follows one of them.
  const name = raw.replace(/\s+/g, ' ').replace(/,$/, '').replace(/(?<!\b(?:Inc|Ltd|Corp|Co|L\.P|S\.A|B\.V))\.$/, '').trim()
  return KNOWN.find(([re]) => re.test(name))?.[1] ?? name
}

const STOP_WORDS = /^(?:The|This|These|Our|Its|A|An|Management|Company|Service|Services|Section|Complementary|Controls?)$/

/** Subservice organisations and whether the report carves them out or includes them. */
export const extractSubservice = (pages: readonly string[], textComplete: boolean): ExtractedReport['subservice'] => {
  const found = new Map<string, Subservice>()
  const add = (raw: string, method: Subservice['method'] | undefined, page: number, globalMethod: Subservice['method'] | undefined) => {
    const name = canonicalName(raw)
    if (name.length < 2 || STOP_WORDS.test(name) || /subservice/i.test(name)) return
    const key = name.toLowerCase()
    if (!found.has(key)) found.set(key, {name, method: method ?? globalMethod ?? 'unknown', page})
  }
  const docMethod = methodIn(pages.map(flatten).join(' '))
  let mentioned = false
  let nonePage: number | undefined
  pages.forEach((page, i) => {
    const n = i + 1
    const flat = flatten(page)
    if (NONE.test(flat)) nonePage ??= n
    if (!MENTION.test(flat)) return
    mentioned = true
    const pageMethod = methodIn(flat) ?? docMethod
    // A table whose header names subservice organisations: first cell is the name, any cell may give the method.
    const lines = page.split('\n')
    const header = lines.findIndex((l) => l.includes(CELL) && MENTION.test(l.split(CELL)[0]!))
    if (header >= 0) {
      for (const line of lines.slice(header + 1)) {
        if (!line.includes(CELL)) break
        const cells = line.split(CELL)
        add(cells[0]!, methodIn(cells.slice(1).join(' ')), n, pageMethod)
      }
    }
    for (const re of PROSE) {
      for (const m of flat.matchAll(re)) {
        // A capitalised run can begin in the previous sentence or a heading: the name starts after them.
        const raw = m[1]!
        const cut = Math.max(raw.search(/[^.]*$/) > 0 && /\.\s+\S/.test(raw) ? raw.lastIndexOf('. ') + 2 : 0, (/^.*\bsubservice organi[sz]ations?\s+/i.exec(raw)?.[0].length ?? 0))
        const name = raw.slice(cut)
        add(name, methodIn(sentencesFrom(flat, m.index + m[0].indexOf(raw) + cut)), n, pageMethod)
      }
    }
    for (const [re, name] of KNOWN) {
      const m = re.exec(flat)
      if (m) add(name, methodIn(sentencesFrom(flat, m.index)), n, pageMethod)
    }
  })
  if (found.size > 0) return {status: 'listed', organisations: [...found.values()]}
  if (nonePage !== undefined) return {status: 'none', page: nonePage}
  // A report that never uses the term has no subservice organisations; one that uses it but names none is unread.
  return !mentioned && textComplete ? {status: 'none'} : undefined
}
