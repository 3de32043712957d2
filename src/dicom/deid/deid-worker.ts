// A thread of `dicom deid`: de-identifies, writes and verifies the files it is sent, with the same code as the
// main thread. The key arrives in the thread's start-up data, in memory only, like the main thread's copy.
import type {ListedFile} from '../read/list-files.js'
import {serveBatches} from '../../util/worker-batches.js'
import {deidOne, type DeidFileResult, type DeidJob} from './deid-files.js'
import {keyedFunctions, type KeyedFunctions} from './keyed.js'

let keyed: KeyedFunctions | undefined
serveBatches<DeidJob, ListedFile, DeidFileResult>((l, job) => deidOne(l, job, (keyed ??= keyedFunctions(job.key))))
