import path from 'node:path'

import {writeFileAtomic} from '../workspace/atomic-write.js'
import type {Modality} from './modalities.js'
import {synthesizeStudy, type CanaryRecord} from './synthesize.js'

export interface SynthToDirResult {
  readonly canary: CanaryRecord
  readonly files: readonly string[]
}

/** Make a synthetic canary study and write each instance as DIR/<modality>-<n>.dcm (atomically). */
export const synthesizeToDir = async (opts: {readonly modality: Modality; readonly dir: string; readonly now?: () => Date}): Promise<SynthToDirResult> => {
  const study = synthesizeStudy({modality: opts.modality, ...(opts.now ? {now: opts.now} : {})})
  const files: string[] = []
  for (const inst of study.instances) {
    const file = path.join(path.resolve(opts.dir), `${opts.modality.toLowerCase()}-${inst.instanceNumber}.dcm`)
    await writeFileAtomic(file, inst.bytes)
    files.push(file)
  }
  return {canary: study.canary, files}
}
