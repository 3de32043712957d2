/** A place in an input file a problem points at; line and col are 1-based. */
export interface Problem {
  readonly file: string
  readonly line: number
  readonly col: number
  readonly message: string
  /** JSON pointer into the document, '' for the whole document. */
  readonly pointer: string
}

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNREADABLE_FILE'
  | 'WORKSPACE_NOT_FOUND'
  | 'WORKSPACE_EXISTS'
  | 'WORKSPACE_LOCKED'
  | 'VENDOR_NOT_FOUND'
  | 'VENDOR_EXISTS'
  | 'UNKNOWN_KIND'
  | 'NOT_FOUND'
  | 'KEY_ERROR'
  | 'SIGNATURE_ERROR'

/**
 * The one error type library code throws. Commands turn it into a message, an exit code and suggestions;
 * library code never imports oclif.
 */
export class ScanvetError extends Error {
  override readonly name = 'ScanvetError'

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly suggestions: readonly string[] = [],
  ) {
    super(message)
  }
}

/** Bad input: every problem of the file at once, each located. Exit code 2. */
export class InvalidInputError extends ScanvetError {
  constructor(readonly problems: readonly Problem[], suggestions: readonly string[] = []) {
    super('INVALID_INPUT', problems.map(formatProblem).join('\n'), suggestions)
  }
}

/** `file:line:col: message`; line 0 is a problem of the whole file (its size), printed `file: message`. */
export const formatProblem = (p: Problem): string =>
  `${p.line === 0 ? p.file : `${p.file}:${p.line}:${p.col}`}: ${p.message}${p.pointer === '' ? '' : ` (${p.pointer})`}`

/** Errors that mean "the user gave us something wrong" exit 2; the rest are unexpected (exit 1). */
export const INPUT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_INPUT',
  'UNREADABLE_FILE',
  'WORKSPACE_NOT_FOUND',
  'WORKSPACE_EXISTS',
  'VENDOR_NOT_FOUND',
  'VENDOR_EXISTS',
  'UNKNOWN_KIND',
  'NOT_FOUND',
  // A missing or wrong key passphrase, or a PKCS#12 file scanvet cannot read: the user's to fix.
  'KEY_ERROR',
])
