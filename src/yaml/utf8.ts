/** The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629), or -1. */
export const firstInvalidUtf8 = (b: Uint8Array): number => {
  let i = 0
  while (i < b.length) {
    const c = b[i]!
    if (c < 0x80) {
      i++
      continue
    }
    let n: number
    let lo = 0x80
    let hi = 0xbf
    if (c >= 0xc2 && c <= 0xdf) n = 1
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2
      if (c === 0xe0) lo = 0xa0
      if (c === 0xed) hi = 0x9f // no UTF-16 surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3
      if (c === 0xf0) lo = 0x90
      if (c === 0xf4) hi = 0x8f
    } else return i
    for (let k = 1; k <= n; k++) {
      const x = b[i + k]
      if (x === undefined) return i
      if (k === 1 ? x < lo || x > hi : x < 0x80 || x > 0xbf) return i
    }
    i += n + 1
  }
  return -1
}

export type Utf8Decoding = {ok: true; text: string} | {ok: false; line: number; col: number; byte: number; offset: number}

const strict = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})

/**
 * Decode strictly: a byte that is not UTF-8 is located (1-based line and column in characters, as an editor
 * counts them) instead of silently becoming U+FFFD in stored answers and signed reports.
 */
export const decodeUtf8 = (bytes: Uint8Array): Utf8Decoding => {
  try {
    return {ok: true, text: strict.decode(bytes)}
  } catch {
    const offset = firstInvalidUtf8(bytes)
    const at = offset < 0 ? bytes.length : offset
    const before = new TextDecoder('utf-8', {ignoreBOM: true}).decode(bytes.subarray(0, at))
    const lineStart = before.lastIndexOf('\n') + 1
    const line = (before.match(/\n/g)?.length ?? 0) + 1
    let col = before.length - lineStart + 1
    if (line === 1 && before.startsWith('\uFEFF')) col-- // the BOM is not a column
    return {ok: false, line, col, byte: bytes[at] ?? 0, offset: at}
  }
}
