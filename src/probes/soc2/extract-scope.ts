import {CELL} from './page-lines.js'
import {CATEGORIES, type Category, type Located} from './soc2-types.js'
import {excerptAt, firstMatch, flatten, located} from './text-search.js'

const CAT = '(?:security|availability|processing integrity|confidentiality|privacy)'
const LIST = `((?:${CAT})(?:(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*\\|\\s*)(?:${CAT}))*)`
const LABELLED = new RegExp(`(?:trust services? categor(?:y|ies)|categories)(?: in scope| included| covered| addressed| selected)?\\s*(?:\\||:|are|is|were)\\s*${LIST}`, 'i')
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
    const labelled = firstMatch(pages, LABELLED, i)
    if (labelled?.page === i + 1) return located(canonical(labelled.match[1]!), labelled)
    const table = fromTable(pages[i]!, i + 1)
    if (table) return table
    const relevant = firstMatch(pages, RELEVANT, i)
    if (relevant?.page === i + 1) return located(canonical(relevant.match[1]!), relevant)
  }
  return undefined
}

const SYSTEM_LABEL = /(?:system name|name of (?:the )?system|system under examination|system in scope)\s*(?:\||:)\s*([^|]{3,150}?)\s*(?:\||$)/im
const DESCRIPTION_OF = /description of (?:its|the|their) (.{3,100}?) system\b/i
const SERVICES_LABEL = /(?:services (?:covered|in scope|provided|described)|scope of services|in-scope services)\s*:\s*([^|]{3,300}?)(?:\.\s|\.?$|\s\|)/i

/** The system the report describes, as it names it. */
export const extractSystem = (pages: readonly string[]): Located<string> | undefined => {
  for (let i = 0; i < pages.length; i++) {
    const m = SYSTEM_LABEL.exec(pages[i]!)
    if (m) return {value: m[1]!.trim(), page: i + 1, excerpt: m[0].trim()}
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
