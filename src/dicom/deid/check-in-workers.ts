import type {ListedFile} from '../read/list-files.js'
import {compiledWorker, inWorkers, threadCount} from '../../util/worker-batches.js'
import type {CheckSettings, FileCheckResult} from './deid-check-types.js'

/** Below this many files a thread's start-up (about 40 ms) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 64

/** Settings as they cross to a worker thread: everything but the pixel checker (a function; headers only here). */
export type WorkerSettings = Omit<CheckSettings, 'pixels'>

/**
 * Judge the files in worker threads, one per core (header checks are CPU-bound: parsing and walking every
 * element), results in input order. Undefined when threads would not help (one core, few files, running from
 * sources): the caller then judges in this thread.
 */
export const judgeInWorkers = async (listed: readonly ListedFile[], settings: CheckSettings, threads = threadCount()): Promise<(FileCheckResult | 'skipped')[] | undefined> => {
  const file = compiledWorker(new URL('./check-worker.js', import.meta.url))
  if (!file || threads < 2 || listed.length < MIN_FILES_FOR_WORKERS) return undefined
  const {pixels: _pixels, ...crossing} = settings
  return inWorkers<ListedFile, FileCheckResult | 'skipped'>(file, listed, crossing satisfies WorkerSettings, threads)
}
