import {promises as fs} from 'node:fs'

import {InvalidInputError, ScanvetError} from '../errors.js'
import {displayPath} from '../paths.js'
import type {InputKind} from '../schemas/index.js'
import {parseOrThrow} from '../validation/validate-document.js'
import {sizeProblem} from '../yaml/read-yaml.js'
import {decodeUtf8} from '../yaml/utf8.js'
import {limitsFor} from '../yaml/yaml-limits.js'

const unreadable = (file: string, error: unknown): ScanvetError => {
  const code = (error as NodeJS.ErrnoException).code
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable')
  return new ScanvetError('UNREADABLE_FILE', `${displayPath(file)}: cannot read: ${why}`)
}

/**
 * The bytes of an input file, refused before reading when larger than its kind allows (a 30 MiB vendor.yaml
 * must cost nothing).
 */
export const readBytes = async (file: string, kind?: string): Promise<Buffer> => {
  const limits = limitsFor(kind)
  try {
    const st = await fs.stat(file)
    if (st.isFile() && st.size > limits.maxBytes) throw new InvalidInputError([sizeProblem(displayPath(file), st.size, kind, limits)])
    const bytes = await fs.readFile(file)
    if (bytes.length > limits.maxBytes) throw new InvalidInputError([sizeProblem(displayPath(file), bytes.length, kind, limits)])
    return bytes
  } catch (error) {
    if (error instanceof ScanvetError) throw error
    throw unreadable(file, error)
  }
}

/** Bytes read by other means as strict UTF-8 text, the first bad byte located. */
export const textOf = (bytes: Uint8Array, file: string): string => {
  const d = decodeUtf8(bytes)
  if (!d.ok) {
    throw new InvalidInputError([{file: displayPath(file), line: d.line, col: d.col, message: `not UTF-8: byte 0x${d.byte.toString(16).padStart(2, '0').toUpperCase()} cannot start or continue a character (save the file as UTF-8)`, pointer: ''}])
  }
  return d.text
}

/** An input file as text: strict UTF-8 (the first bad byte located), within the size its kind allows. */
export const readText = async (file: string, kind?: string): Promise<string> => textOf(await readBytes(file, kind), file)

/** Read, parse and validate one input file; problems are reported at the path the user sees. */
export const loadInput = async <T>(kind: InputKind, file: string): Promise<T> =>
  parseOrThrow<T>(kind, await readBytes(file, kind), displayPath(file))
