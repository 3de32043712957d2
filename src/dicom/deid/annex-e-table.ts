import {readFileSync} from 'node:fs'

import {packagePath} from '../../paths.js'
import {DEID_OPTIONS, type DeidOption} from './deid-options.js'

/** An action code of Table E.1-1; compound codes depend on the element's type in the IOD. */
export type AnnexEAction = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U' | 'X/Z' | 'X/D' | 'Z/D' | 'X/Z/D' | 'X/Z/U*'

export interface AnnexERule {
  /** "(0010,0010)", or a pattern such as "(60XX,3000)", "(50XX,XXXX)", "(GGGG,EEEE)" (private). */
  readonly tag: string
  readonly keyword: string
  readonly name: string
  readonly inStdCompIOD: boolean
  readonly basic: AnnexEAction
  readonly options: Readonly<Partial<Record<DeidOption, AnnexEAction>>>
}

export const TABLE_FILE = 'data/dicom/ps3.15-table-e.1-1.tsv'

const ACTIONS: ReadonlySet<string> = new Set(['D', 'Z', 'X', 'K', 'C', 'U', 'X/Z', 'X/D', 'Z/D', 'X/Z/D', 'X/Z/U*'])

/** Parse the bundled table (pure: text in, rules out); a malformed row is a packaging defect and throws. */
export const parseAnnexETable = (text: string): AnnexERule[] => {
  const rows = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'))
  const [header, ...body] = rows
  const cols = (header ?? '').split('\t')
  const optionCols = DEID_OPTIONS.map((o) => [o, cols.indexOf(o)] as const)
  if (cols[0] !== 'tag' || optionCols.some(([, i]) => i < 0)) throw new Error(`${TABLE_FILE}: unexpected header`)
  return body.map((line, n) => {
    const c = line.split('\t')
    const [tag, keyword, name, std, basic] = c
    if (!tag || !keyword || !name || !basic || !ACTIONS.has(basic)) throw new Error(`${TABLE_FILE}: row ${n + 1} is malformed`)
    const options: Partial<Record<DeidOption, AnnexEAction>> = {}
    for (const [o, i] of optionCols) {
      const a = (c[i] ?? '').trim()
      if (a === '') continue
      if (!ACTIONS.has(a)) throw new Error(`${TABLE_FILE}: row ${n + 1}: unknown action ${a}`)
      options[o] = a as AnnexEAction
    }
    return {tag, keyword, name, inStdCompIOD: std === 'Y', basic: basic as AnnexEAction, options}
  })
}

export interface AnnexETable {
  readonly rules: readonly AnnexERule[]
  /** Rule for an element key ("00100010"), patterns and the private-group rule included. */
  ruleFor(key: string): AnnexERule | undefined
}

let cached: AnnexETable | undefined

/** The bundled table, read once per process. */
export const annexETable = (): AnnexETable => {
  if (cached) return cached
  const rules = parseAnnexETable(readFileSync(packagePath(TABLE_FILE), 'utf8'))
  const exact = new Map<string, AnnexERule>()
  const patterns: {re: RegExp; rule: AnnexERule}[] = []
  let privateRule: AnnexERule | undefined
  for (const r of rules) {
    const hex = r.tag.replace(/[(),]/g, '')
    if (/^[0-9A-F]{8}$/.test(hex)) exact.set(hex, r)
    else if (hex === 'GGGGEEEE') privateRule = r
    else patterns.push({re: new RegExp(`^${hex.replace(/X/g, '[0-9A-F]')}$`), rule: r})
  }
  cached = {
    rules,
    ruleFor(key) {
      const k = key.toUpperCase()
      const hit = exact.get(k)
      if (hit) return hit
      const group = parseInt(k.slice(0, 4), 16)
      if ((group & 1) === 1 && group > 8) return privateRule
      // Repeating groups (50xx curves, 60xx overlays) only cover even groups 5000-501E / 6000-601E.
      if ((k.startsWith('50') || k.startsWith('60')) && (group & 1) === 0 && (group & 0xff) <= 0x1e) {
        return patterns.find((p) => p.re.test(k))?.rule
      }
      return undefined
    },
  }
  return cached
}

/**
 * The action an option set gives a rule. Retaining beats cleaning beats the basic action: a retain option keeps
 * (K) what the practice chose to keep, a clean option turns a removal into a cleaning (C).
 */
export const effectiveAction = (rule: AnnexERule, options: ReadonlySet<DeidOption>): AnnexEAction => {
  let chosen: AnnexEAction | undefined
  for (const o of options) {
    const a = rule.options[o]
    if (a === undefined) continue
    if (a === 'K') return 'K'
    chosen = a
  }
  return chosen ?? rule.basic
}
