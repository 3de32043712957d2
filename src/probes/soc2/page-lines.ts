/** One run of text as pdf.js reports it: baseline origin (PDF units, y upwards), width and height. */
export interface TextItem {
  readonly str: string
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  readonly eol?: boolean
}

/** Cells of a table row are joined with this, so extractors can tell columns from words. */
export const CELL = ' | '

interface Cell {
  x: number
  end: number
  text: string
}

interface Row {
  y: number
  h: number
  cells: Cell[]
}

/** Runs on one baseline → cells: a horizontal gap wider than 0.8 em (more than two spaces) starts a new cell (a table column). */
const cellsOf = (runs: readonly TextItem[]): Cell[] => {
  const cells: Cell[] = []
  for (const run of [...runs].sort((a, b) => a.x - b.x)) {
    const last = cells.at(-1)
    const size = run.h || 10
    if (last && run.x - last.end <= 0.8 * size) {
      const gap = run.x - last.end
      last.text += gap > 0.15 * size && !last.text.endsWith(' ') && !run.str.startsWith(' ') ? ` ${run.str}` : run.str
      last.end = run.x + run.w
    } else {
      cells.push({x: run.x, end: run.x + run.w, text: run.str})
    }
  }
  return cells
}

const aligned = (x: number, cells: readonly Cell[]): Cell | undefined => cells.find((c) => Math.abs(c.x - x) <= 3)

/**
 * A wrapped table cell continues on the next baseline under its own column; fold those lines back into the
 * row, so that a row reads "CC6.1 | control | test | result" rather than interleaved fragments.
 */
const isContinuation = (prev: Row, next: Row): boolean =>
  prev.cells.length >= 2 &&
  prev.y - next.y <= 1.6 * (next.h || 10) &&
  aligned(prev.cells[0]!.x, next.cells) === undefined &&
  next.cells.every((c) => aligned(c.x, prev.cells) !== undefined)

/**
 * Rebuild reading-order lines from positioned text runs: runs on the same baseline form a line, wide gaps
 * become cell separators, and wrapped table cells are folded back into their row.
 */
export const pageLines = (items: readonly TextItem[]): string[] => {
  const runs = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x)
  const baselines: TextItem[][] = []
  for (const run of runs) {
    const line = baselines.at(-1)
    if (line && Math.abs(line[0]!.y - run.y) <= Math.max(2, 0.4 * (run.h || 10))) line.push(run)
    else baselines.push([run])
  }
  const rows: Row[] = []
  let lastY = 0
  for (const line of baselines) {
    const row: Row = {y: line[0]!.y, h: Math.max(...line.map((r) => r.h || 10)), cells: cellsOf(line)}
    const prev = rows.at(-1)
    if (prev && isContinuation({...prev, y: lastY}, row)) {
      for (const c of row.cells) {
        const target = aligned(c.x, prev.cells)!
        target.text += ` ${c.text}`
      }
    } else {
      rows.push(row)
    }
    lastY = row.y
  }
  return rows.map((r) => r.cells.map((c) => c.text.replace(/\s+/g, ' ').trim()).join(CELL).trim())
}
