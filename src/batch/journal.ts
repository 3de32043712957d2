import {randomBytes} from 'node:crypto'
import {promises as fs} from 'node:fs'
import path from 'node:path'

import {writeFileAtomic} from '../workspace/atomic-write.js'
import {listRounds} from '../workspace/history.js'

/**
 * The run journal: which vendors a batch set out to assess, and each one's latest round when it started.
 * The rounds themselves are the progress record: a vendor is done once its latest round differs from its
 * baseline. So the journal is written once at the start (atomically) and removed at the end, and no crash
 * between "round written" and "journal updated" can make a vendor run twice or be skipped.
 */
export interface RunJournal {
  readonly version: 1
  readonly runId: string
  readonly startedAt: string
  readonly vendors: readonly {readonly id: string; readonly baseline: string | null}[]
}

export const JOURNAL_FILE = path.join('.scanvet', 'run-journal.json')

export const journalPath = (root: string): string => path.join(root, JOURNAL_FILE)

/** A journal older than this is from an abandoned run: it is discarded rather than resumed. */
export const RESUME_WINDOW_DAYS = 7

export const readJournal = async (root: string): Promise<RunJournal | undefined> => {
  try {
    const j = JSON.parse(await fs.readFile(journalPath(root), 'utf8')) as RunJournal
    return j.version === 1 && Array.isArray(j.vendors) ? j : undefined
  } catch {
    // Absent, or unreadable (it is written atomically, so unreadable means edited by hand): start afresh.
    return undefined
  }
}

export const writeJournal = async (root: string, j: RunJournal): Promise<void> => writeFileAtomic(journalPath(root), `${JSON.stringify(j, null, 2)}\n`)

export const removeJournal = async (root: string): Promise<void> => fs.rm(journalPath(root), {force: true})

export const newRunId = (now: Date): string => `${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`

/** The latest round of a vendor, or null. */
export const latestRoundId = async (vendorDir: string): Promise<string | null> => (await listRounds(vendorDir)).at(-1) ?? null
