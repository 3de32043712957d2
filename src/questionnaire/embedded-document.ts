/*
 * A document the vendor attaches in the HTML form, carried inside the answers file as base64 with its name,
 * size and SHA-256, and the caps both sides enforce. This file is embedded, compiled, in the HTML form (see
 * form-script.ts): it must stay self-contained — no imports except types, no Node APIs, and top-level names
 * that no other embedded file uses.
 */

const DOC_MIB = 1024 * 1024

/** The largest document one answer may carry; the form refuses a bigger one, and so does import. */
export const MAX_DOCUMENT_BYTES = 10 * DOC_MIB

/**
 * All attached documents together. Their base64 (4/3 of this, plus line breaks) must leave the answers file
 * under its 28 MiB read limit (yaml-limits.ts).
 */
export const MAX_DOCUMENTS_TOTAL_BYTES = 20 * DOC_MIB

/** The caps in words, for the page and for error messages. */
export const documentCapWords = (n: number): string => `${Math.round((n / DOC_MIB) * 10) / 10} MiB`

/** Base64 in the answers file is wrapped at this many characters a line (as MIME does). */
export const BASE64_LINE_LENGTH = 76

/** An attached document as the answers file carries it. */
export interface EmbeddedDocument {
  /** The file name on the vendor's computer (no folders). */
  readonly name: string
  /** Bytes of the document (not of its base64). */
  readonly size: number
  /** SHA-256 of the document's bytes, lower-case hex. */
  readonly sha256: string
  /** The bytes, base64 (RFC 4648, with padding); line breaks and spaces are ignored. */
  readonly content: string
  readonly path?: never
}

/** An evidence entry that carries its document (rather than naming a file sent beside the answers). */
export const isEmbeddedDocument = (e: unknown): e is EmbeddedDocument =>
  e !== null && typeof e === 'object' && typeof (e as {content?: unknown}).content === 'string'

/** Base64 with every space and line break removed. */
export const compactBase64 = (s: string): string => s.replace(/[\s]+/g, '')

/** Base64 cut into lines of BASE64_LINE_LENGTH characters. */
export const base64Lines = (s: string): string[] => {
  const flat = compactBase64(s)
  const out: string[] = []
  for (let i = 0; i < flat.length; i += BASE64_LINE_LENGTH) out.push(flat.slice(i, i + BASE64_LINE_LENGTH))
  return out
}
