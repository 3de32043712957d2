// A thread of `dicom check` (headers only): judges the files it is sent with the same code as the main thread,
// so a result is the same whichever thread produced it (test/e2e/dicom-threads.test.ts). The thread shares
// the process, so paths are shown relative to the same directory as in the main thread.
import type {ListedFile} from '../read/list-files.js'
import {serveBatches} from '../../util/worker-batches.js'
import {judgeFile} from './check-files.js'
import type {WorkerSettings} from './check-in-workers.js'

serveBatches<WorkerSettings, ListedFile, Awaited<ReturnType<typeof judgeFile>>>((l, settings) => judgeFile(l, settings))
