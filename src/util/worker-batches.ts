import {existsSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {fileURLToPath} from 'node:url'
import {Worker, parentPort, workerData} from 'node:worker_threads'

import {mapLimit} from './pool.js'

/** Items handed to a worker at a time: small enough to balance the threads, large enough to keep messages few. */
const BATCH = 32

type Job<T> = {readonly batch: number; readonly items: readonly T[]}
type Reply<R> = {readonly batch: number; readonly results: readonly R[]} | {readonly batch: number; readonly failed: string}

/** Threads to use: one per core, at most 4, and SCANVET_THREADS (1 turns threads off) when set. */
export const threadCount = (env: Readonly<Record<string, string | undefined>> = process.env): number =>
  Math.max(1, Math.min(availableParallelism(), 4, Number(env.SCANVET_THREADS ?? 4) || 1))

/**
 * The compiled worker module beside the caller, or undefined when running from the TypeScript sources (vitest
 * runs src/, where no compiled worker exists): the caller then does the work in its own thread.
 */
export const compiledWorker = (url: URL): string | undefined => {
  const file = fileURLToPath(url)
  return file.endsWith('.js') && existsSync(file) ? file : undefined
}

/**
 * Run `items` through the worker module `file` in `threads` threads, in batches, results in input order. The
 * worker calls serveBatches. A worker that fails makes the whole call fail, so nothing is silently left undone.
 */
export const inWorkers = async <T, R>(file: string, items: readonly T[], data: unknown, threads: number): Promise<R[]> => {
  const batches: T[][] = []
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH))
  const results = new Array<readonly R[]>(batches.length)
  let next = 0
  const run = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(file, {workerData: data})
      let finished = false
      const give = () => {
        if (next >= batches.length) {
          finished = true
          void worker.terminate().then(() => resolve())
          return
        }
        const batch = next++
        worker.postMessage({batch, items: batches[batch]!} satisfies Job<T>)
      }
      worker.on('message', (m: Reply<R>) => {
        if ('failed' in m) {
          finished = true
          void worker.terminate()
          reject(new Error(m.failed))
          return
        }
        results[m.batch] = m.results
        give()
      })
      worker.on('error', (e) => {
        finished = true
        reject(e)
      })
      // terminate() ends a thread with exit code 1 too: only an exit before the work is done is a failure.
      worker.on('exit', (code) => {
        if (!finished) reject(new Error(`a worker thread stopped before its work was done (exit ${code})`))
      })
      give()
    })
  await Promise.all(Array.from({length: Math.min(threads, batches.length)}, run))
  return results.flat()
}

/** Items of one batch in flight at once inside a thread, so one item's file flush overlaps the next one's parsing. */
const IN_FLIGHT = 4

/** The worker side: answer each batch with `fn` applied to its items, results in input order. */
export const serveBatches = <D, T, R>(fn: (item: T, data: D) => Promise<R>): void => {
  const data = workerData as D
  parentPort!.on('message', (job: Job<T>) => {
    void (async () => {
      try {
        const results = await mapLimit(job.items, IN_FLIGHT, (item) => fn(item, data))
        parentPort!.postMessage({batch: job.batch, results} satisfies Reply<R>)
      } catch (error) {
        parentPort!.postMessage({batch: job.batch, failed: (error as Error).message} satisfies Reply<R>)
      }
    })()
  })
}
