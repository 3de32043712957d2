import {CELL} from './page-lines.js'
import {CATEGORIES, type Category, type Located} from './soc2-types.js'
import {excerptAt, firstMatch, flatten, located, matchOn} from './text-search.js'

const CAT = '(?:security|availability|processing integrity|confidentiality|privacy)'
// Separators: commas, "and", table cells, and bullets (a bulleted list flattened onto one line).
const LIST = `((?:${CAT})(?:(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*\\|\\s*|\\s*[•▪◦●·*–-]\\s*)(?:${CAT}))*)`
const LABELLED = new RegExp(`(?:trust services? categor(?:y|ies)|categories)(?:\\s+[a-z]+){0,6}?\\s*(?:\\||:|\\bare\\b|\\bis\\b|\\bwere\\b)\\s*:?\\s*(?:[•▪◦●·*–-]\\s*)?${LIST}`, 'i')
const RELEVANT = new RegExp(`relevant to (?:the )?${LIST}`, 'i')
const YES = /^(?:yes|in scope|included|✓|✔|x|applicable)$/i
const NO = /^(?:no|not in scope|out of scope|excluded|not included|n\/a|not applicable|-|–)$/i

const canonical = (list: string): Category[] => {
  const found = CATEGORIES.filter((c) => new RegExp(`\\b${c}\\b`, 'i').test(list))
  return found
}

/** A table of the five categories with a yes/no column, on one page. */
const fromTable = (page: string, n: number): Located<readonly Category[]> | undefined => {
  const rows = page.split('\n').flatMap((line) => {
    const cells = line.split(CELL).map((c) => c.trim())
    const cat = CATEGORIES.find((c) => c.toLowerCase() === cells[0]?.toLowerCase())
    if (!cat || cells.length < 2) return []
    const mark = cells.slice(1).find((c) => YES.test(c) || NO.test(c))
    return mark ? [{cat, inScope: YES.test(mark), line}] : []
  })
  if (rows.length < 2) return undefined
  const text = flatten(page)
  return {value: rows.filter((r) => r.inScope).map((r) => r.cat), page: n, excerpt: excerptAt(text, text.indexOf(rows[0]!.line), rows[0]!.line.length, 200)}
}

/** The trust services categories in scope: a label, a yes/no table, or the title's "relevant to …". */
export const extractCategories = (pages: readonly string[]): Located<readonly Category[]> | undefined => {
  for (let i = 0; i < pages.length; i++) {
    const labelled = matchOn(pages, LABELLED, i)
    if (labelled?.page === i + 1) return located(canonical(labelled.match[1]!), labelled)
    const table = fromTable(pages[i]!, i + 1)
    if (table) return table
    const relevant = matchOn(pages, RELEVANT, i)
    if (relevant?.page === i + 1) return located(canonical(relevant.match[1]!), relevant)
  }
  return undefined
}

const SYSTEM_LABEL = /^(?:system name|name of (?:the )?system|system under examination|system in scope|system)\s*(?:\||:)\s*([^|]{3,150}?)\s*(?:\||$)/im
/* "… Platform (the "system")": the name is the capitalised words before the parenthesis. */
const QUOTED = /((?:[A-Z][A-Za-z0-9&-]*\s+){0,6}[A-Z][A-Za-z0-9&-]*)\s*\((?:the\s+)?[“"”']system[“"”']\)/
const DESCRIPTION_OF = /[Dd]escription of (?:[Ii]ts|[Tt]he|[Tt]heir) ((?:[A-Z][A-Za-z0-9&-]*\s+){1,6})[Ss]ystem\b/
const SERVICES_LABEL = /(?:services (?:covered|in scope|provided|described)|scope of services|in-scope services)\s*:\s*([^|]{3,300}?)(?:\.\s|\.?$|\s\|)/i

/** The system the report describes, as it names it. */
export const extractSystem = (pages: readonly string[]): Located<string> | undefined => {
  for (let i = 0; i < pages.length; i++) {
    const m = SYSTEM_LABEL.exec(pages[i]!)
    if (m) return {value: m[1]!.trim(), page: i + 1, excerpt: m[0].trim()}
    const q = matchOn(pages, QUOTED, i)
    if (q?.page === i + 1) return located(q.match[1]!.trim(), q)
  }
  const d = firstMatch(pages, DESCRIPTION_OF)
  return d ? located(d.match[1]!.replace(/^(?:the|its)\s+/i, '').replace(/[“”"]/g, '').trim(), d) : undefined
}

/** The services the description says it covers, when the report lists them on a label. */
export const extractServices = (pages: readonly string[]): Located<string> | undefined => {
  for (let i = 0; i < pages.length; i++) {
    const m = SERVICES_LABEL.exec(flatten(pages[i]!))
    if (m) return {value: m[1]!.trim().replace(/\.$/, ''), page: i + 1, excerpt: m[0].trim()}
  }
  return undefined
}

const NAME = "[A-Z][A-Za-z0-9&.'’-]*(?:\\s+(?:[A-Z][A-Za-z0-9&.'’-]*|of|and|&))*?(?:,?\\s+(?:Inc\\.|Inc\\b|LLC|L\\.L\\.C\\.|Ltd\\.|Ltd\\b|Limited|GmbH|Corp\\.|Corporation|plc|S\\.A\\.|B\\.V\\.|AG))"
const ORG_RULES: readonly RegExp[] = [
  new RegExp(`^service organi[sz]ation\\s*(?:\\||:)\\s*(${NAME})`, 'im'),
  new RegExp(`\\bReport on (${NAME})['’]s? [Dd]escription`),
  new RegExp(`\\bTo the (?:Board of Directors|Management|Directors|Board)(?: and Management)? of (${NAME})\\s*[:,]`),
  new RegExp(`(${NAME})\\s*\\((?:the\\s+)?[“"]?(?:Company|Service Organi[sz]ation)[”"]?\\)`),
]

/** The service organisation, by its legal name: a label, the report's title, the opinion's addressee or a defined term. */
export const extractServiceOrganisation = (pages: readonly string[]): Located<string> | undefined => {
  for (let i = 0; i < pages.length; i++) {
    for (const re of ORG_RULES) {
      const m = re.flags.includes('m') ? re.exec(pages[i]!) : matchOn(pages, re, i)
      if (!m) continue
      if ('page' in m) {
        if (m.page === i + 1) return located(m.match[1]!.trim(), m)
      } else return {value: m[1]!.trim(), page: i + 1, excerpt: m[0].trim()}
    }
  }
  return undefined
}
