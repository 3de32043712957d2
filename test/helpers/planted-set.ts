import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {HIDING_PLACES, makeControlFile, makePlantedFile, type PlantedValue} from '../../src/dicom/deid/planted-study.js'

export interface PlantedSet {
  readonly dir: string
  /** Relative path → planted values. */
  readonly files: Readonly<Record<string, readonly PlantedValue[]>>
  /** Relative paths of the three files of one study, the 2nd and 3rd derived from the 1st. */
  readonly study: readonly string[]
  readonly originalUids: {readonly study: string; readonly first: string}
}

/** One file per hiding place, a three-file study that references itself, and a clean control, on disk. */
export const writePlantedSet = (dir: string): PlantedSet => {
  mkdirSync(path.join(dir, 'study'), {recursive: true})
  const files: Record<string, readonly PlantedValue[]> = {}
  for (const place of HIDING_PLACES) {
    const f = makePlantedFile({places: [place], study: `place-${place}`})
    writeFileSync(path.join(dir, `${place}.dcm`), f.bytes)
    files[`${place}.dcm`] = f.planted
  }
  const first = makePlantedFile({places: ['top-level', 'dates', 'private'], study: 'multi', instance: 1})
  const study = ['study/1.dcm', 'study/2.dcm', 'study/3.dcm']
  writeFileSync(path.join(dir, study[0]!), first.bytes)
  files[study[0]!] = first.planted
  for (const i of [2, 3]) {
    const f = makePlantedFile({places: ['top-level', 'dates'], study: 'multi', instance: i, sourceInstanceUid: first.sopInstanceUid, transferSyntax: i === 3 ? 'implicit' : 'explicit'})
    writeFileSync(path.join(dir, study[i - 1]!), f.bytes)
    files[study[i - 1]!] = f.planted
  }
  writeFileSync(path.join(dir, 'control.dcm'), makeControlFile())
  files['control.dcm'] = []
  return {dir, files, study, originalUids: {study: first.studyInstanceUid, first: first.sopInstanceUid}}
}
