import type {Document, LineCounter} from 'yaml'

import {InvalidInputError, type Problem} from '../errors.js'
import type {InputKind} from '../schemas/index.js'
import {validatorFor} from './ajv-instance.js'
import {nodeAt, positionOf} from './locate.js'
import {readYaml} from '../yaml/read-yaml.js'
import {describeAjvError, pruneAjvErrors} from './messages.js'

export type ParseResult<T> =
  | {success: true; data: T; doc: Document; lineCounter: LineCounter; problems?: never}
  | {success: false; problems: Problem[]; data?: never}

/**
 * Parse YAML (JSON is YAML) through the one reader (limits of `kind`, strict UTF-8 when given bytes, unknown
 * tags, aliases, duplicate keys): every problem located, one message per cause.
 */
export const parseYaml = (text: string | Uint8Array, file: string, kind?: string): {doc: Document; lineCounter: LineCounter; problems: Problem[]; data?: unknown} => {
  const r = readYaml(text, file, kind === undefined ? {} : {kind})
  return {doc: r.doc, lineCounter: r.lineCounter, problems: r.problems, data: r.data}
}

/** Map schema errors of a parsed document to located problems, in file order. */
export const schemaProblems = (kind: InputKind, doc: Document, lineCounter: LineCounter, file: string, data: unknown): Problem[] => {
  const validate = validatorFor(kind)
  if (validate(data)) return []
  const errors = pruneAjvErrors(validate.errors ?? [])
  // Never report a failed validation as clean, whatever the pruning kept.
  const kept = errors.length > 0 ? errors : (validate.errors ?? [])
  const problems = kept.map((e): Problem => {
    const d = describeAjvError(e)
    const {line, col} = positionOf(nodeAt(doc, d.pointer, d.atKey), lineCounter)
    return {file, line, col, message: d.message, pointer: d.pointer}
  })
  return sortProblems(problems)
}

export const sortProblems = (problems: Problem[]): Problem[] =>
  [...problems].sort((a, b) => a.line - b.line || a.col - b.col || a.message.localeCompare(b.message))

/** Parse and validate one file's text as `kind`; every problem at once, nothing thrown. */
export const validateText = <T>(kind: InputKind, text: string | Uint8Array, file: string): ParseResult<T> => {
  const {doc, lineCounter, problems, data} = parseYaml(text, file, kind)
  if (problems.length > 0) return {success: false, problems}
  const schemaErrs = schemaProblems(kind, doc, lineCounter, file, data ?? {})
  if (data === null || data === undefined) {
    return {success: false, problems: [{file, line: 1, col: 1, message: 'the file is empty', pointer: ''}]}
  }
  if (schemaErrs.length > 0) return {success: false, problems: schemaErrs}
  return {success: true, data: data as T, doc, lineCounter}
}

/** As validateText, throwing InvalidInputError: for loaders whose callers only want good data. */
export const parseOrThrow = <T>(kind: InputKind, text: string | Uint8Array, file: string): T => {
  const r = validateText<T>(kind, text, file)
  if (!r.success) throw new InvalidInputError(r.problems)
  return r.data
}
