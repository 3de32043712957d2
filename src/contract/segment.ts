/** One sentence of an agreement, with where it sits. */
export interface Sentence {
  readonly text: string
  readonly page: number
  /** The clause number it belongs to ("4.2(a)", "Article IV", "Exhibit B"), or "" before the first. */
  readonly clause: string
  /** True inside an amendment: a later amendment overrides the clause it amends. */
  readonly amendment: boolean
  /** True inside a definitions clause or a "X means ..." sentence. */
  readonly definition: boolean
  /** True in the signature block. */
  readonly signature: boolean
  /** A heading (short, no closing punctuation): a title, never a clause that states an element. */
  readonly heading: boolean
}

// Numbering schemes: "1.", "1.1", "4.2.3", "Article IV", "Section 7", "Clause 3.1", "(a)", "(iv)", "A.", "Exhibit B", "Schedule 2", "Annex I".
const NUMBER = /^(?:(?:article|section|clause|§)\s+([ivxlcdm]+|\d+(?:\.\d+)*)\.?|(\d+(?:\.\d+)*)\.?(?=\s)|\(([a-z]{1,4}|\d{1,2})\)|([A-Z])\.(?=\s)|((?:exhibit|schedule|annex|appendix|attachment)\s+[A-Z0-9IVX]+)\b)/i
const ROMAN = /^[ivxlcdm]+$/i

/** Split running text into sentences without breaking "164.504(e)", "Sec. 4" or "U.S.". */
const sentencesOf = (para: string): string[] =>
  para
    .split(/(?<=[.;:!?])\s+(?=(?:["“(]?[A-Z0-9]))/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .reduce<string[]>((out, s) => {
      const prev = out.at(-1)
      // Rejoin after abbreviations and bare list numbers.
      if (prev && /(?:\b(?:Sec|No|Art|U\.S|e\.g|i\.e|Inc|Ltd|Co|cf|para)\.|^\S{1,6}[.:])$/.test(prev)) out[out.length - 1] = `${prev} ${s}`
      else out.push(s)
      return out
    }, [])

/**
 * Paragraphs → sentences with clause numbers. PDF lines are joined into paragraphs unless a line starts a
 * new number or heading; DOCX and text paragraphs are kept.
 */
export const segment = (pages: readonly string[]): Sentence[] => {
  const out: Sentence[] = []
  let top = ''
  let sub = ''
  let inAmendment = false
  let inDefinitions = false
  let inSignature = false
  pages.forEach((pageText, i) => {
    const lines = pageText.split(/\r?\n/)
    const paras: string[] = []
    for (const raw of lines) {
      const line = raw.replace(/\s+/g, ' ').trim()
      if (line === '') {
        paras.push('')
        continue
      }
      const last = paras.at(-1)
      const startsNew = NUMBER.test(line) || /^[A-Z][A-Z ,&'-]{3,}$/.test(line) || /^(in witness|by:|name:|title:|date:|signature)/i.test(line)
      // A line that ends in a hyphen after a letter broke a compound ("sub-" / "processors"): rejoin it without a
      // space and keep the hyphen (Word and most PDF writers break lines only at hyphens they were given).
      if (last !== undefined && last !== '' && !startsNew && /\p{L}-$/u.test(last)) paras[paras.length - 1] = `${last}${line}`
      else if (last !== undefined && last !== '' && !startsNew && !/[.;:]$/.test(last)) paras[paras.length - 1] = `${last} ${line}`
      else paras.push(line)
    }
    for (const para of paras) {
      if (para === '') continue
      const m = NUMBER.exec(para)
      if (m) {
        if (m[1] || m[2] || m[5]) {
          const n = m[1] ?? m[2] ?? m[5]!
          top = m[5] ? m[5].replace(/\s+/g, ' ') : m[1] ? `${/^article/i.test(m[0]) ? 'Article' : 'Section'} ${n}` : n
          sub = ''
        } else {
          const label = m[3] ?? m[4]!
          // (i), (ii) under an (a) nest; (a) under (i) resets; a single letter "A." is a top-level heading in outline style.
          if (m[4]) {
            top = `${m[4]}.`
            sub = ''
          } else if (ROMAN.test(label) && sub !== '' && !/\)\(/.test(sub) && !(label.length === 1 && /^\(h\)$/i.test(sub))) sub = `${sub.replace(/\([ivxlcdm]+\)$/i, '')}(${label})`
          else sub = `(${label})`
        }
      }
      const heading = para.length < 80 && !/[.;]$/.test(para) ? para : ''
      if (heading || m) {
        const h = heading || para.slice(0, 80)
        if (/\bamendment\b/i.test(h) && /^(?:\S+\s+)?(?:first|second|third)?\s*amendment\b|^amendment\b|amendment no/i.test(h.replace(NUMBER, '').trim())) inAmendment = true
        if (/^(?:\S+\s+)?definitions\b/i.test(h.replace(NUMBER, '').trim())) inDefinitions = true
        else if (m && (m[1] || m[2] || m[5])) inDefinitions = /definitions/i.test(para.slice(0, 60))
      }
      if (/^in witness|^signatures?\b|^executed by/i.test(para)) inSignature = true
      for (const s of sentencesOf(para)) {
        out.push({
          text: s,
          page: i + 1,
          clause: `${top}${sub}`,
          amendment: inAmendment || /\b(is|are) hereby (amended|deleted|replaced)|\bdeleted (in its entirety )?and replaced\b|\bamended to read\b/i.test(s),
          definition: inDefinitions || /^["“][^"”]{2,60}["”]\s+(means|shall mean|has the meaning|refers to|includes)\b/.test(s),
          signature: inSignature,
          heading: heading !== '',
        })
      }
    }
  })
  return out
}
