import {CELL} from './page-lines.js'
import type {Cuec, ExtractedReport} from './soc2-types.js'
import {criteriaIn, flatten} from './text-search.js'

const HEADING = /^(?:(?:section\s+)?[\dIVX]+(?:\.\d+)*\.?\s+)?(?:complementary (?:user|customer|client) entity controls?(?: considerations)?|user entity controls?|user control considerations|(?:user entity|customer|client) responsibilities)(?:\s*\((?:CUECs?|UECs?)\))?:?$/i
const NONE = /no complementary (?:user|customer) entity controls|(?:has|have) not identified (?:any )?complementary (?:user|customer) entity controls|there are no (?:complementary (?:user|customer) entity controls|CUECs)|complementary (?:user|customer) entity controls (?:are|were) not (?:required|necessary|applicable)|\bCUECs?\s*(?:\||:)\s*none\b/i
const STOP = /^(?:(?:section\s+)?[\dIVX]+(?:\.\d+)*\.?\s+)?(?:complementary subservice|subservice organi[sz]ation|trust services criteria|control activities|tests? of controls|description of tests|information provided by|other information|report of independent|independent service auditor|section\s+\d)/i
const BULLET = /^(?:[•▪◦●*\-–]|\(?\d{1,2}[.)]|\d{1,2}\s+\|)\s*/
const STARTS_ITEM = /^(?:user entities|user organi[sz]ations|customers|clients|the user entity|the customer|user entity)\b/i
const TABLE_HEADER = /^(?:#\s*\|\s*)?(?:complementary user entity control|user entity control|cuec|control)s?\b.*\|/i

/*
 * A numbered heading ends the list: "4. Other Information", "Section 4 – …", "IV. …". A numbered CUEC reads as a
 * sentence (it ends with a full stop, or starts like one); a heading is short and has none.
 */
const NUMBERED = /^(?:section\s+)?(?:\d{1,2}|[IVX]{1,5})(?:\.\d+)*\.?\s*[–:-]?\s+[A-Z]/i
const isHeading = (line: string): boolean => {
  if (!NUMBERED.test(line) || line.includes(CELL)) return false
  const rest = line.replace(/^(?:section\s+)?(?:\d{1,2}|[IVX]{1,5})(?:\.\d+)*\.?\s*[–:-]?\s+/i, '')
  return rest.length < 90 && !/[.;]$/.test(rest) && !STARTS_ITEM.test(rest)
}

/** CUECs: the controls the practice itself must run for the vendor's controls to work. */
export const extractCuecs = (pages: readonly string[], textComplete: boolean): ExtractedReport['cuecs'] => {
  const items: Cuec[] = []
  let inList = false
  let seenHeading = false
  let current: {text: string; page: number} | undefined
  const flush = () => {
    if (current) {
      const text = current.text.replace(/\s+/g, ' ').trim()
      items.push({text: text.replace(/\s*\|\s*/g, ' ').replace(criteriaTail, '').trim(), criteria: criteriaIn(text), page: current.page})
    }
    current = undefined
  }
  for (let i = 0; i < pages.length; i++) {
    const lines = pages[i]!.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^page \d+( of \d+)?$/i.test(l) && !/^\d+$/.test(l))
    for (const line of lines) {
      if (HEADING.test(line)) {
        flush()
        inList = true
        seenHeading = true
        continue
      }
      if (!inList) continue
      if ((STOP.test(line) && !BULLET.test(line)) || isHeading(line)) {
        flush()
        inList = false
        continue
      }
      if (TABLE_HEADER.test(line)) continue
      const bare = line.replace(BULLET, '')
      if (BULLET.test(line) || STARTS_ITEM.test(bare)) {
        flush()
        current = {text: bare, page: i + 1}
      } else if (current) {
        current.text += ` ${line}`
      }
    }
  }
  flush()
  const usable = items.filter((c) => c.text.length >= 15)
  if (usable.length > 0) return {status: 'listed', items: usable}
  const none = pages.findIndex((p) => NONE.test(flatten(p)))
  if (none >= 0) return {status: 'none-required', page: none + 1}
  if (seenHeading) return undefined
  return textComplete ? {status: 'absent'} : undefined
}

/* A trailing "CC6.1, CC6.2" column is kept as criteria, not as words of the control. */
const criteriaTail = /(?:\s*,?\s*(?:CC\d{1,2}\.\d{1,2}|A1\.\d{1,2}|C1\.\d{1,2}|PI1\.\d{1,2}|P\d\.\d{1,2}))+\s*$/
