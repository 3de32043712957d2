/** Where a word too long for a line (a URL) is best cut: after one of these, if that keeps half the line. */
const BREAK_AFTER = /[/?&.:=-]/

const cutAt = (word: string, w: number): number => {
  for (let i = w; i > w / 2; i--) if (BREAK_AFTER.test(word[i - 1]!)) return i
  return w
}

/** Words to lines of at most `width` characters; a word longer than a line (a URL) is cut, after a / if it can be. */
export const wrapText = (text: string, width: number): string[] => {
  const w = Math.max(1, width)
  const lines: string[] = []
  let line = ''
  for (let word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length <= w) {
      line += ` ${word}`
      continue
    }
    if (line) lines.push(line)
    while (word.length > w) {
      const at = cutAt(word, w)
      lines.push(word.slice(0, at))
      word = word.slice(at)
    }
    line = word
  }
  if (line || lines.length === 0) lines.push(line)
  return lines
}

export interface FitOptions {
  /** The narrowest each column may become (default 6). */
  readonly minWidths?: readonly number[]
  /** Columns narrowed only once every other column is at its minimum (the endpoint URL: cut, it is hard to read). */
  readonly shrinkLast?: readonly number[]
}

const GAP = 2
const MIN_COLUMN = 6

/**
 * Rows as a table no wider than `width`: columns at their natural width while that fits, else the column with the
 * most room to spare narrowed, one character at a time, and its cells wrapped onto more lines. One string per row,
 * with a newline where a row takes several lines; no trailing spaces. Wider than `width` only when every column
 * is at its minimum.
 */
export const fitTable = (rows: readonly (readonly string[])[], width: number, opts: FitOptions = {}): string[] => {
  if (rows.length === 0) return []
  const columns = Math.max(...rows.map((r) => r.length))
  const widths = Array.from({length: columns}, (_, i) => Math.max(0, ...rows.map((r) => (r[i] ?? '').length)))
  const min = (i: number) => Math.min(widths[i]!, opts.minWidths?.[i] ?? MIN_COLUMN)
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (columns - 1)
  const spare = (cols: readonly number[]) => cols.map((i) => [i, widths[i]! - min(i)] as const).filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1])[0]?.[0]
  const last = new Set(opts.shrinkLast ?? [])
  const first = widths.map((_, i) => i).filter((i) => !last.has(i))
  while (total() > width) {
    const i = spare(first) ?? spare([...last])
    if (i === undefined) break
    widths[i]! -= 1
  }
  return rows.map((r) => {
    const cells = widths.map((w, i) => wrapText(r[i] ?? '', w))
    const height = Math.max(...cells.map((c) => c.length))
    return Array.from({length: height}, (_, line) =>
      cells
        .map((c, i) => (c[line] ?? '').padEnd(widths[i]!))
        .join(' '.repeat(GAP))
        .trimEnd(),
    ).join('\n')
  })
}
