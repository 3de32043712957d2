import {createHash} from 'node:crypto'
import {promises as fs} from 'node:fs'

import {displayPath} from '../../paths.js'
import {mapLimit} from '../../util/pool.js'
import type {DicomDataset} from '../read/dicom-file.js'
import {isPart10, readPart10} from '../read/dicom-file.js'
import {listFiles} from '../read/list-files.js'
import {nameTokens} from './identifier-patterns.js'
import {firstText, textsOf} from '../read/tags.js'
import {actionFor, checkDataset} from './check-dataset.js'
import type {CheckSettings, DeidFindingKind, FileCheckResult, OriginalsIndex} from './deid-check-types.js'

export interface CheckTotals {
  readonly files: number
  readonly checked: number
  readonly unreadable: number
  /** Files found in folders that are not DICOM Part 10 (skipped silently, counted). */
  readonly skipped: number
  readonly identifying: number
  readonly identifyingFiles: number
  readonly quarantined: number
  readonly markerMissing: number
  readonly methodMissing: number
  readonly methodContradicted: number
  readonly byKind: Readonly<Record<DeidFindingKind, number>>
}

export interface DicomCheckResult {
  readonly clean: boolean
  readonly options: readonly string[]
  readonly totals: CheckTotals
  readonly files: readonly FileCheckResult[]
}

const KINDS: readonly DeidFindingKind[] = ['profile', 'uid', 'pseudonym', 'free-text', 'safe-harbor', 'burned-in', 'marker', 'method']

type Read = {status: 'ok'; file: string; dataset: DicomDataset; meta: DicomDataset} | {status: 'skipped'; file: string} | {status: 'error'; file: string; reason: string}

const readOne = async (file: string, explicit: boolean): Promise<Read> => {
  let bytes: Uint8Array
  try {
    bytes = await fs.readFile(file)
  } catch (error) {
    return {status: 'error', file, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`}
  }
  if (!isPart10(bytes)) return explicit ? {status: 'error', file, reason: 'not a DICOM Part 10 file (no "DICM" after the 128-byte preamble)'} : {status: 'skipped', file}
  try {
    const p = readPart10(bytes)
    return {status: 'ok', file, dataset: p.dataset, meta: p.meta}
  } catch (error) {
    return {status: 'error', file, reason: `not readable as DICOM: ${(error as Error).message.split('\n')[0]}`}
  }
}

/** Judge every DICOM file under the paths. Unreadable files are results too, never exceptions. */
export const checkFiles = async (paths: readonly string[], settings: CheckSettings, concurrency = 8): Promise<DicomCheckResult> => {
  const listed = await listFiles(paths)
  // Judge each file as soon as it is read so only `concurrency` parsed datasets are ever held in memory.
  const judged = await mapLimit(listed, concurrency, async (l): Promise<FileCheckResult | 'skipped'> => {
    const r = await readOne(l.file, l.explicit)
    const shown = displayPath(r.file)
    if (r.status === 'skipped') return 'skipped'
    if (r.status === 'error') return {status: 'error', file: shown, reason: r.reason}
    return checkDataset(shown, r.dataset, settings, r.meta)
  })
  const files = judged.filter((f): f is FileCheckResult => f !== 'skipped')
  const skipped = judged.length - files.length
  return {clean: files.every((f) => f.status === 'checked' && f.identifying === 0), options: [...settings.options], totals: totalsOf(files, skipped), files}
}

export const totalsOf = (files: readonly FileCheckResult[], skipped = 0): CheckTotals => {
  const checked = files.filter((f) => f.status === 'checked')
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<DeidFindingKind, number>
  for (const f of checked) for (const x of f.findings) byKind[x.kind]++
  return {
    files: files.length,
    checked: checked.length,
    unreadable: files.length - checked.length,
    skipped,
    identifying: checked.reduce((n, f) => n + f.identifying, 0),
    identifyingFiles: checked.filter((f) => f.identifying > 0).length,
    quarantined: checked.filter((f) => f.quarantine).length,
    markerMissing: checked.filter((f) => f.patientIdentityRemoved?.toUpperCase() !== 'YES').length,
    methodMissing: checked.filter((f) => !f.methodRecorded).length,
    methodContradicted: checked.filter((f) => f.findings.some((x) => x.kind === 'method' && !x.message.includes('is absent'))).length,
    byKind,
  }
}

const collectOriginals = (ds: DicomDataset, acc: {uids: Set<string>; dates: Set<string>; names: string[]; ids: string[]}): void => {
  for (const [key, el] of Object.entries(ds)) {
    if (el.vr === 'SQ') {
      for (const item of (el.Value ?? []) as DicomDataset[]) collectOriginals(item, acc)
      continue
    }
    const texts = textsOf(el)
    if (el.vr === 'UI') {
      const a = actionFor(ds, key, new Set(), [])
      if (a === 'U' || a === 'X/Z/U*') for (const t of texts) acc.uids.add(t.trim())
    } else if (el.vr === 'DA' || el.vr === 'DT') for (const t of texts) acc.dates.add(t.trim().slice(0, 8))
    else if (el.vr === 'PN') for (const t of texts) acc.names.push(...nameTokens(t))
    if (key === '00100020' || key === '00101000' || key === '00080050') acc.ids.push(...texts.map((t) => t.trim()).filter((t) => t.length >= 4))
  }
}

/** UIDs, dates, names and IDs of the data before de-identification, to prove they were replaced. */
export const indexOriginals = async (paths: readonly string[]): Promise<OriginalsIndex> => {
  const acc = {uids: new Set<string>(), dates: new Set<string>(), names: [] as string[], ids: [] as string[]}
  const listed = await listFiles(paths)
  for (const l of listed) {
    const r = await readOne(l.file, false)
    if (r.status !== 'ok') continue
    collectOriginals(r.dataset, acc)
    const media = firstText(r.meta, '00020003')
    if (media) acc.uids.add(media)
  }
  const ids = [...new Set(acc.ids)]
  const plainHashes = new Set(ids.flatMap((id) => ['md5', 'sha1', 'sha256'].map((alg) => createHash(alg).update(id).digest('hex'))))
  return {uids: acc.uids, dates: acc.dates, names: [...new Set(acc.names)], ids, plainHashes}
}
