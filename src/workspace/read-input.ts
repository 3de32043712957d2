import {promises as fs} from 'node:fs'

import {ScanvetError} from '../errors.js'
import {displayPath} from '../paths.js'
import type {InputKind} from '../schemas/index.js'
import {parseOrThrow} from '../validation/validate-document.js'

export const readText = async (file: string): Promise<string> => {
  try {
    return await fs.readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable')
    throw new ScanvetError('UNREADABLE_FILE', `${displayPath(file)}: cannot read: ${why}`)
  }
}

/** Read, parse and validate one input file; problems are reported at the path the user sees. */
export const loadInput = async <T>(kind: InputKind, file: string): Promise<T> =>
  parseOrThrow<T>(kind, await readText(file), displayPath(file))
