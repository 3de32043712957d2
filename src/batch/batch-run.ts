import type {Severity} from '../schemas/common.js'
import {loadWorkspace, type LocateOptions} from '../workspace/workspace.js'
import type {BatchResult} from './batch-types.js'
import {liveProgress, plainProgress, type ProgressSink} from './progress.js'
import {runBatch} from './run-batch.js'

export interface BatchRunOptions {
  readonly where: LocateOptions
  readonly vendors: 'all' | readonly string[]
  readonly due?: boolean
  readonly concurrency?: number
  readonly restart?: boolean
  readonly failOn?: Severity
  readonly signal?: AbortSignal
  /** Where progress goes; `isTTY` chooses the live display over plain lines. */
  readonly progress: ProgressSink
  readonly passphrase?: string
}

/** `scanvet run`: find the workspace, run the batch with a progress display. */
export const batchRun = async (opts: BatchRunOptions): Promise<BatchResult> => {
  const ws = await loadWorkspace(opts.where)
  const live = opts.progress.isTTY ? liveProgress(opts.progress) : undefined
  try {
    return await runBatch({
      workspace: ws,
      vendors: opts.vendors,
      ...(opts.due ? {due: true} : {}),
      ...(opts.concurrency ? {concurrency: opts.concurrency} : {}),
      ...(opts.restart ? {restart: true} : {}),
      ...(opts.failOn ? {failOn: opts.failOn} : {}),
      ...(opts.signal ? {signal: opts.signal} : {}),
      ...(opts.passphrase ? {passphrase: opts.passphrase} : {}),
      onEvent: live ? live.listener : plainProgress(opts.progress),
    })
  } finally {
    live?.stop()
  }
}
