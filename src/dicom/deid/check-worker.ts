// A thread of `dicom check` (headers only): judges the batches of files it is sent with the same code as the
// main thread, so a result is the same whichever thread produced it (test/e2e/dicom-check-threads.test.ts).
import {parentPort, workerData} from 'node:worker_threads'

import {judgeFile} from './check-files.js'
import type {FileCheckResult} from './deid-check-types.js'
import type {WorkerJob, WorkerReply, WorkerSettings} from './check-in-workers.js'

// The thread shares the process, so paths are shown relative to the same directory as in the main thread.
const {settings} = workerData as {settings: WorkerSettings}

parentPort!.on('message', (job: WorkerJob) => {
  void (async () => {
    try {
      const results: (FileCheckResult | 'skipped')[] = []
      for (const l of job.files) results.push(await judgeFile(l, settings))
      parentPort!.postMessage({batch: job.batch, results} satisfies WorkerReply)
    } catch (error) {
      parentPort!.postMessage({batch: job.batch, failed: (error as Error).message} satisfies WorkerReply)
    }
  })()
})
