import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {InvalidInputError, type Problem} from '../errors.js'
import {displayPath} from '../paths.js'
import {writeFileAtomic} from '../workspace/atomic-write.js'
import {sha256Hex} from '../workspace/history.js'
import {CONDITION_ACTIONS, type ConditionEntry, type ConditionLogHead} from './record-types.js'

export const CONDITION_LOG = 'conditions.jsonl'

export const conditionLogFile = (vendorDir: string): string => path.join(vendorDir, CONDITION_LOG)

/** The log as stored: each line's text (hashed as written) and its parsed entry. */
export interface StoredEntry {
  readonly line: string
  readonly sha256: string
  readonly entry: ConditionEntry
}

const isEntry = (v: unknown): v is ConditionEntry => {
  const e = v as ConditionEntry
  return (
    typeof e === 'object' && e !== null && Number.isInteger(e.seq) && typeof e.at === 'string' && typeof e.condition === 'string' && typeof e.by === 'string' &&
    typeof e.reason === 'string' && (CONDITION_ACTIONS as readonly string[]).includes(e.action) && typeof e.round?.id === 'string' && typeof e.round?.sha256 === 'string'
  )
}

/** Read the log; a line that is not an entry is refused at file:line:1, the whole file at once. */
export const readConditionLog = async (vendorDir: string): Promise<StoredEntry[]> => {
  const file = conditionLogFile(vendorDir)
  if (!existsSync(file)) return []
  const text = await fs.readFile(file, 'utf8')
  const problems: Problem[] = []
  const out: StoredEntry[] = []
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch {
      problems.push({file: displayPath(file), line: i + 1, col: 1, message: 'not a JSON condition entry', pointer: ''})
      return
    }
    if (!isEntry(parsed)) problems.push({file: displayPath(file), line: i + 1, col: 1, message: 'not a condition entry (seq, at, condition, action, by, reason, round)', pointer: ''})
    else out.push({line, sha256: sha256Hex(line), entry: parsed})
  })
  if (problems.length > 0) throw new InvalidInputError(problems, ['The condition log is written by `scanvet condition accept|waive`; restore it from a backup rather than editing it.'])
  return out
}

export const logHead = (log: readonly StoredEntry[]): ConditionLogHead | undefined => (log.length === 0 ? undefined : {count: log.length, sha256: log.at(-1)!.sha256})

/** Append one entry, chained to the last one; the file is rewritten atomically (a reader never sees half a line). */
export const appendConditionEntry = async (vendorDir: string, entry: Omit<ConditionEntry, 'seq' | 'previous'>): Promise<StoredEntry> => {
  const log = await readConditionLog(vendorDir)
  const full: ConditionEntry = {seq: log.length + 1, ...entry, ...(log.length > 0 ? {previous: log.at(-1)!.sha256} : {})}
  const line = JSON.stringify(full)
  await writeFileAtomic(conditionLogFile(vendorDir), [...log.map((l) => l.line), line].join('\n') + '\n')
  return {line, sha256: sha256Hex(line), entry: full}
}
