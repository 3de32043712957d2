import {readFileSync} from 'node:fs'

import {packagePath} from '../../paths.js'

export const DICTIONARY_FILE = 'data/dicom/dictionary.tsv'

export interface DictionaryEntry {
  /** As PS3.6 gives it: one VR, or a choice such as "US or SS", "ox", "xs". */
  readonly vr: string
  /** "PatientName"; retired attributes keep dcmjs's "RETIRED_" prefix. */
  readonly keyword: string
  /** The keyword without "RETIRED_", as findings name the attribute. */
  readonly name: string
}

/** Parse the bundled table (pure); a malformed row is a packaging defect and throws. */
export const parseDictionary = (text: string): Map<string, DictionaryEntry> => {
  const map = new Map<string, DictionaryEntry>()
  let header = true
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    if (header) {
      if (line !== 'tag\tvr\tkeyword') throw new Error(`${DICTIONARY_FILE}: unexpected header`)
      header = false
      continue
    }
    const [tag, vr, keyword] = line.split('\t')
    if (!tag || !/^[0-9A-F]{8}$/.test(tag) || vr === undefined || keyword === undefined) throw new Error(`${DICTIONARY_FILE}: malformed row "${line}"`)
    map.set(tag, {vr, keyword, name: keyword.replace(/^RETIRED_/, '')})
  }
  return map
}

let cached: Map<string, DictionaryEntry> | undefined
/** The public data dictionary by tag key ("00100010"); read once, on first use. */
export const dictionary = (): ReadonlyMap<string, DictionaryEntry> => (cached ??= parseDictionary(readFileSync(packagePath(DICTIONARY_FILE), 'utf8')))
