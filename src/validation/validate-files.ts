import path from 'node:path'

import {InvalidInputError, ScanvetError, type Problem} from '../errors.js'
import {displayPath} from '../paths.js'
import {isInputKind, INPUT_KINDS, type InputKind} from '../schemas/index.js'
import {readBytes} from '../workspace/read-input.js'
import {validateText} from './validate-document.js'

export interface FileValidation {
  readonly file: string
  readonly kind: InputKind
  readonly problems: readonly Problem[]
}

/** The kind of an input file from where it sits, as the workspace and the package lay files out. */
export const kindFromPath = (file: string): InputKind | undefined => {
  const p = path.resolve(file).split(path.sep)
  const name = p.at(-1) ?? ''
  const parent = p.at(-2) ?? ''
  if (name === 'scanvet.yaml') return 'workspace'
  if (name === 'vendor.yaml') return 'vendor'
  if (/^answers.*\.ya?ml$/.test(name)) return 'answers'
  if (parent === 'frameworks') return 'framework'
  if (parent === 'migrations' && p.at(-3) === 'questionnaires') return 'migration'
  if (parent === 'questionnaires') return 'questionnaire'
  if (p.at(-3) === 'checks') return 'check'
  return undefined
}

export const validateFiles = async (files: readonly string[], kind?: string): Promise<FileValidation[]> => {
  if (kind !== undefined && !isInputKind(kind)) {
    throw new ScanvetError('UNKNOWN_KIND', `unknown kind '${kind}'`, [`Kinds: ${INPUT_KINDS.join(', ')}`])
  }
  const results: FileValidation[] = []
  for (const file of files) {
    const k = (kind as InputKind | undefined) ?? kindFromPath(file)
    if (!k) {
      throw new ScanvetError('UNKNOWN_KIND', `cannot tell what kind of file ${displayPath(file)} is`, [`Name it with --kind (${INPUT_KINDS.join(', ')})`])
    }
    let bytes: Buffer
    try {
      bytes = await readBytes(file, k)
    } catch (error) {
      // Too large: that file's problem, and the other files are still checked.
      if (!(error instanceof InvalidInputError)) throw error
      results.push({file: displayPath(file), kind: k, problems: error.problems})
      continue
    }
    const r = validateText(k, bytes, displayPath(file))
    results.push({file: displayPath(file), kind: k, problems: r.success ? [] : r.problems})
  }
  return results
}
