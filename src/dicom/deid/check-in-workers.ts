import {existsSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'

import type {ListedFile} from '../read/list-files.js'
import type {CheckSettings, FileCheckResult} from './deid-check-types.js'

/** Below this many files a thread's start-up (about 40 ms) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 64
/** Files handed to a worker at a time: small enough to balance the threads, large enough to keep messages few. */
const BATCH = 32

export type WorkerJob = {readonly batch: number; readonly files: readonly ListedFile[]}
export type WorkerReply = {readonly batch: number; readonly results: readonly (FileCheckResult | 'skipped')[]} | {readonly batch: number; readonly failed: string}

/** Settings as they cross to a worker thread: everything but the pixel checker (a function; headers only here). */
export type WorkerSettings = Omit<CheckSettings, 'pixels'>

const workerFile = (): string | undefined => {
  const file = fileURLToPath(new URL('./check-worker.js', import.meta.url))
  // From the TypeScript sources (vitest) there is no compiled worker: the caller judges in this thread.
  return existsSync(file) ? file : undefined
}

/**
 * Judge the files in worker threads, one per core (header checks are CPU-bound: parsing and walking every
 * element), results in input order. Undefined when threads would not help (one core, few files, running from
 * sources): the caller then judges in this thread. A worker that fails makes the whole call fail, so nothing is
 * silently left unjudged.
 */
export const judgeInWorkers = async (
  listed: readonly ListedFile[],
  settings: CheckSettings,
  threads = Math.min(availableParallelism(), 4, Number(process.env.SCANVET_DICOM_THREADS ?? 4) || 1),
): Promise<(FileCheckResult | 'skipped')[] | undefined> => {
  const file = workerFile()
  if (!file || threads < 2 || listed.length < MIN_FILES_FOR_WORKERS) return undefined
  const {pixels: _pixels, ...crossing} = settings
  const batches: ListedFile[][] = []
  for (let i = 0; i < listed.length; i += BATCH) batches.push(listed.slice(i, i + BATCH))
  const results = new Array<(FileCheckResult | 'skipped')[]>(batches.length)
  let next = 0
  const run = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(file, {workerData: {settings: crossing satisfies WorkerSettings}})
      let finished = false
      const give = () => {
        if (next >= batches.length) {
          finished = true
          void worker.terminate().then(() => resolve())
          return
        }
        const batch = next++
        worker.postMessage({batch, files: batches[batch]!} satisfies WorkerJob)
      }
      worker.on('message', (m: WorkerReply) => {
        if ('failed' in m) {
          void worker.terminate()
          reject(new Error(m.failed))
          return
        }
        results[m.batch] = [...m.results]
        give()
      })
      worker.on('error', reject)
      // terminate() ends a thread with exit code 1 too: only an exit before the work is done is a failure.
      worker.on('exit', (code) => {
        if (!finished) reject(new Error(`a DICOM check thread stopped before its work was done (exit ${code})`))
      })
      give()
    })
  await Promise.all(Array.from({length: Math.min(threads, batches.length)}, run))
  return results.flat()
}
