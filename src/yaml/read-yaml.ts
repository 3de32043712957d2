import {Composer, Document, LineCounter, Parser, type CST} from 'yaml'

import {InvalidInputError, type Problem} from '../errors.js'
import {formatBytes, limitsFor, type YamlLimits} from './yaml-limits.js'
import {decodeUtf8} from './utf8.js'

/**
 * The one YAML reader: every YAML input scanvet reads (the user's files and the templates it ships) goes
 * through here, so every hazard is handled once. The result never throws and holds at most the problems that
 * matter: one per cause (a syntax error is reported once, not with the cascade a parser produces after it).
 */
export interface YamlRead {
  readonly doc: Document
  readonly lineCounter: LineCounter
  /** Located problems; empty when the document is good YAML within its limits. */
  readonly problems: Problem[]
  /** The document as plain data (aliases expanded within the limit); undefined when there are problems. */
  readonly data: unknown
  /** The decoded text, BOM removed: positions are computed on this. */
  readonly text: string
}

export interface ReadYamlOptions {
  /** Input kind (schema kind, `template` or `other`): chooses the limits. */
  readonly kind?: string
  readonly limits?: YamlLimits
}

// YAML 1.2 §5.1: the printable set. C0 controls other than tab, LF and CR, DEL, and C1 controls other than NEL.
// eslint-disable-next-line no-control-regex
const NON_PRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/

const problemAt = (file: string, line: number, col: number, message: string): Problem => ({file, line, col, message, pointer: ''})

/** A file-level problem (size): line 0 means "the whole file", printed as `file: message`. */
export const fileProblem = (file: string, message: string): Problem => ({file, line: 0, col: 0, message, pointer: ''})

export const sizeProblem = (file: string, bytes: number, kind: string | undefined, limits: YamlLimits): Problem =>
  fileProblem(file, `the file is ${formatBytes(bytes)}; a ${kind ?? 'YAML'} file may be at most ${formatBytes(limits.maxBytes)}`)

const failed = (text: string, lineCounter: LineCounter, problems: Problem[]): YamlRead => ({doc: new Document(), lineCounter, problems, data: undefined, text})

const MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: 'duplicate key',
  TAB_AS_INDENT: 'tab used for indentation (YAML indents with spaces)',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters',
  TAG_RESOLVE_FAILED: 'unknown tag',
}

/** Walk the CST (iteratively: a 2,000-deep file must not overflow the stack) for depth, node and alias counts. */
const checkShape = (tokens: readonly CST.Token[], limits: YamlLimits): {offset: number; message: string} | undefined => {
  const stack: Array<{t: CST.Token | null | undefined; depth: number}> = tokens.map((t) => ({t, depth: 0}))
  let nodes = 0
  let aliases = 0
  while (stack.length > 0) {
    const {t, depth} = stack.pop()!
    if (!t) continue
    switch (t.type) {
      case 'document':
        stack.push({t: t.value, depth})
        break
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        nodes++
        if (depth + 1 > limits.maxDepth) return {offset: t.offset, message: `nesting deeper than ${limits.maxDepth} levels`}
        for (const it of t.items as CST.CollectionItem[]) {
          stack.push({t: it.value, depth: depth + 1})
          if (it.key) stack.push({t: it.key, depth: depth + 1})
        }
        break
      }
      case 'alias':
        nodes++
        if (++aliases > limits.maxAliases) return {offset: t.offset, message: `more than ${limits.maxAliases} aliases`}
        break
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        nodes++
        break
      default:
        break
    }
    if (nodes > limits.maxNodes) return {offset: 'offset' in t ? t.offset : 0, message: `more than ${limits.maxNodes} values`}
  }
  return undefined
}

/** The first alias node in document order, where an alias problem is shown when the library gives no place. */
const firstAliasOffset = (text: string): number => {
  const m = /(^|[\s[{,:-])\*[^\s,[\]{}]+/m.exec(text)
  return m ? m.index + m[1]!.length : 0
}

/**
 * Read one YAML document from bytes (strict UTF-8) or text. `file` is the path the user sees, for messages.
 */
export const readYaml = (input: string | Uint8Array, file: string, opts: ReadYamlOptions = {}): YamlRead => {
  const limits = opts.limits ?? limitsFor(opts.kind)
  const lineCounter = new LineCounter()
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length
  if (bytes > limits.maxBytes) return failed('', lineCounter, [sizeProblem(file, bytes, opts.kind, limits)])
  let text: string
  if (typeof input === 'string') text = input
  else {
    const d = decodeUtf8(input)
    if (!d.ok) return failed('', lineCounter, [problemAt(file, d.line, d.col, `not UTF-8: byte 0x${d.byte.toString(16).padStart(2, '0').toUpperCase()} cannot start or continue a character (save the file as UTF-8)`)])
    text = d.text
  }
  // Strip the BOM before anything counts positions, so columns on line 1 are the editor's.
  if (text.startsWith('\uFEFF')) text = text.slice(1)
  const bad = NON_PRINTABLE.exec(text)
  if (bad) {
    const {line, col} = lineCounterFor(text).linePos(bad.index)
    return failed(text, lineCounter, [problemAt(file, line, col, `control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} is not allowed in YAML (is this a binary file?)`)])
  }

  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text))
  const shape = checkShape(tokens, limits)
  if (shape) {
    const {line, col} = lineCounter.linePos(shape.offset)
    return failed(text, lineCounter, [problemAt(file, line, col, `YAML too large: ${shape.message}`)])
  }
  let doc: Document | undefined
  const composer = new Composer({prettyErrors: false, uniqueKeys: true})
  for (const d of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = d as Document
    else {
      const {line, col} = lineCounter.linePos((d as Document).range?.[0] ?? 0)
      return failed(text, lineCounter, [problemAt(file, line, col, "YAML a second document (---): this file holds one")])
    }
  }
  doc ??= new Document()
  const problems: Problem[] = []
  const located = [...doc.errors, ...doc.warnings].sort((a, b) => a.pos[0] - b.pos[0])
  // One problem, one message: after the first syntax error the parser's further errors are its own confusion;
  // duplicate keys and unknown tags are each their own cause and all shown.
  let syntaxShown = false
  for (const e of located) {
    const independent = e.code === 'DUPLICATE_KEY' || e.code === 'TAG_RESOLVE_FAILED'
    if (!independent && syntaxShown) continue
    if (!independent) syntaxShown = true
    const {line, col} = lineCounter.linePos(e.pos[0])
    const first = e.message.split('\n')[0]!
    const what =
      e.code === 'TAG_RESOLVE_FAILED'
        ? `unknown tag ${(/Unresolved tag: (\S+)/.exec(first)?.[1] ?? '').replace('tag:yaml.org,2002:', '!!')}: scanvet reads plain data only`
        : e.code === 'RESOURCE_EXHAUSTION'
          ? 'YAML too large: nesting too deep'
          : (MESSAGES[e.code] ?? `syntax error: ${first}`)
    problems.push(problemAt(file, line, col, `YAML ${what}`))
  }
  if (problems.length > 0) return {doc, lineCounter, problems: dedupe(problems), data: undefined, text}
  let data: unknown
  try {
    data = doc.toJS({maxAliasCount: limits.maxAliasExpansion})
  } catch (error) {
    const msg = (error as Error).message
    const unresolved = /Unresolved alias[^:]*: (.*)$/.exec(msg)
    const name = unresolved?.[1]
    const offset = name ? Math.max(0, text.search(new RegExp(`\\*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![^\\s,\\]}])`))) : firstAliasOffset(text)
    const {line, col} = lineCounter.linePos(offset)
    const what = name
      ? `YAML alias *${name} has no anchor &${name} before it`
      : /Excessive alias count/.test(msg)
        ? `YAML aliases expand beyond ${limits.maxAliasExpansion} nodes (an alias bomb?)`
        : `YAML cannot be read: ${msg}`
    return {doc, lineCounter, problems: [problemAt(file, line, col, what)], data: undefined, text}
  }
  return {doc, lineCounter, problems, data, text}
}

const lineCounterFor = (text: string): LineCounter => {
  const lc = new LineCounter()
  lc.addNewLine(0)
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1)
  return lc
}

const dedupe = (ps: Problem[]): Problem[] => {
  const seen = new Set<string>()
  return ps.filter((p) => {
    const k = `${p.line}:${p.col}:${p.message}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/** Plain data from a YAML file scanvet ships (templates, bundled data); a broken one is a bug, so it throws. */
export const readBundledYaml = (input: string | Uint8Array, file: string): unknown => {
  const r = readYaml(input, file, {kind: 'template'})
  if (r.problems.length > 0) throw new Error(`${file}: ${r.problems.map((p) => `${p.line}:${p.col}: ${p.message}`).join('; ')}`)
  return r.data
}

/** The document (comments kept, for editing and writing back), or InvalidInputError with every problem located. */
export const readYamlDocument = (input: string | Uint8Array, file: string, kind?: string): Document => {
  const r = readYaml(input, file, kind === undefined ? {} : {kind})
  if (r.problems.length > 0) throw new InvalidInputError(r.problems)
  return r.doc
}
