import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import type {CanaryRecord} from '../../dicom/synthesize.js'
import {writeFileAtomic} from '../../workspace/atomic-write.js'

export const CANARY_FILE = 'canaries.json'

/** A canary planted at a vendor, waiting for (or past) its verification. Workspace state, never a secret. */
export interface PlantedCanary {
  readonly canary: CanaryRecord
  readonly mode: 'dicomweb' | 'http-flow'
  readonly target: string
  readonly plantedAt: string
  readonly dueAt: string
  readonly window: string
  readonly upload: Readonly<Record<string, unknown>>
  readonly deletion: Readonly<Record<string, unknown>>
  /** Values the plant steps extracted (job ids, resource ids) that the verify steps may use. */
  readonly vars: Readonly<Record<string, string>>
  readonly state: 'pending' | 'verified'
  readonly verifiedAt?: string
  readonly result?: {readonly served: boolean | null; readonly summary: string}
}

export interface CanaryFile {
  readonly version: 1
  readonly canaries: readonly PlantedCanary[]
}

export type CanaryLoad = {readonly ok: true; readonly file: CanaryFile} | {readonly ok: false; readonly reason: string}

const EMPTY: CanaryFile = {version: 1, canaries: []}

export const canaryPath = (vendorDir: string): string => path.join(vendorDir, CANARY_FILE)

/** Read vendors/ID/canaries.json; a missing file is an empty list, a damaged one a reason (never a throw). */
export const loadCanaries = async (vendorDir: string): Promise<CanaryLoad> => {
  const file = canaryPath(vendorDir)
  if (!existsSync(file)) return {ok: true, file: EMPTY}
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as CanaryFile
    if (parsed?.version !== 1 || !Array.isArray(parsed.canaries)) return {ok: false, reason: `${CANARY_FILE} is not a scanvet canary list (version 1)`}
    return {ok: true, file: parsed}
  } catch (error) {
    return {ok: false, reason: `${CANARY_FILE} cannot be read: ${(error as Error).message}`}
  }
}

export const saveCanaries = async (vendorDir: string, file: CanaryFile): Promise<void> => {
  await writeFileAtomic(canaryPath(vendorDir), `${JSON.stringify(file, null, 2)}\n`)
}

/** Add or replace (by StudyInstanceUID) one canary, re-reading the file first so other entries survive. */
export const upsertCanary = async (vendorDir: string, c: PlantedCanary): Promise<void> => {
  const loaded = await loadCanaries(vendorDir)
  const current = loaded.ok ? loaded.file.canaries : []
  const others = current.filter((x) => x.canary.studyInstanceUid !== c.canary.studyInstanceUid)
  await saveCanaries(vendorDir, {version: 1, canaries: [...others, c]})
}

export const pendingCanaries = (file: CanaryFile, target?: string): PlantedCanary[] =>
  file.canaries.filter((c) => c.state === 'pending' && (target === undefined || c.target === target))

export const dueCanaries = (file: CanaryFile, now: Date, target?: string): PlantedCanary[] =>
  pendingCanaries(file, target).filter((c) => Date.parse(c.dueAt) <= now.getTime())
