import {promises as fs} from 'node:fs'
import path from 'node:path'

import {ScanvetError} from '../../errors.js'
import {displayPath} from '../../paths.js'

export interface ListedFile {
  readonly file: string
  /** Given by name (a non-DICOM file is then an error) rather than found in a folder (then skipped). */
  readonly explicit: boolean
  /** Path relative to the folder it was found in (the file name for a file given by name). */
  readonly relative: string
}

/** Every file under the given paths, folders walked recursively, in a stable order. */
export const listFiles = async (paths: readonly string[]): Promise<ListedFile[]> => {
  const out: ListedFile[] = []
  for (const p of paths) {
    let stat
    try {
      stat = await fs.stat(p)
    } catch {
      throw new ScanvetError('NOT_FOUND', `${displayPath(p)}: no such file or folder`)
    }
    if (stat.isDirectory()) {
      const entries = await fs.readdir(p, {recursive: true, withFileTypes: true})
      const files = entries
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath ?? (e as unknown as {path: string}).path, e.name))
        .filter((f) => !path.basename(f).startsWith('.'))
        .sort()
      for (const f of files) out.push({file: f, explicit: false, relative: path.relative(p, f)})
    } else {
      out.push({file: p, explicit: true, relative: path.basename(p)})
    }
  }
  return out
}
