/** One run of text as pdf.js reports it: baseline origin (PDF units from the page's lower left, y upwards), width and height. */
export interface TextItem {
  readonly str: string
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  readonly eol?: boolean
}

/** A box on the page in PDF points, origin at the top left, y downwards (the way people and OCR engines measure). */
export interface Box {
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
}

/** A line of a page in reading order. A table row is one line; its cells are kept, and joined with CELL in `text`. */
export interface PdfLine {
  readonly text: string
  readonly bbox: Box
  readonly cells?: readonly string[]
  /** 0–100, for lines read by OCR. */
  readonly confidence?: number
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
      last.end = Math.max(last.end, run.x + run.w)
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
const isContinuation = (prev: Row, lastY: number, next: Row): boolean =>
  prev.cells.length >= 2 &&
  lastY - next.y <= 1.6 * (next.h || 10) &&
  aligned(prev.cells[0]!.x, next.cells) === undefined &&
  next.cells.every((c) => aligned(c.x, prev.cells) !== undefined)

const baselinesOf = (items: readonly TextItem[]): TextItem[][] => {
  const runs = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x)
  const baselines: TextItem[][] = []
  for (const run of runs) {
    const line = baselines.at(-1)
    if (line && Math.abs(line[0]!.y - run.y) <= Math.max(2, 0.4 * (run.h || 10))) line.push(run)
    else baselines.push([run])
  }
  return baselines
}

/*
 * Two text columns: a gutter x that many baselines have a cell starting at, that no run crosses, with text on
 * both sides that fills most of its column (a label/value table has short labels and stays a table). Returns
 * the gutter for a run of consecutive baselines, or undefined.
 */
interface Region {
  readonly from: number
  readonly to: number
  readonly gutter: number
}

const columnRegions = (baselines: readonly TextItem[][], pageWidth: number): Region[] => {
  const cells = baselines.map((b) => cellsOf(b))
  const starts = new Map<number, number>()
  for (const cs of cells) {
    for (const c of cs.slice(1)) {
      if (c.x < 0.3 * pageWidth || c.x > 0.7 * pageWidth) continue
      const k = Math.round(c.x / 4)
      starts.set(k, (starts.get(k) ?? 0) + 1)
    }
  }
  const regions: Region[] = []
  for (const [k, count] of [...starts.entries()].sort((a, b) => b[1] - a[1])) {
    if (count < 4) break
    const gutter = k * 4 - 2
    const crosses = (cs: readonly Cell[]) => cs.some((c) => c.x < gutter - 1 && c.end > gutter + 1)
    const sides = (cs: readonly Cell[]) => [cs.filter((c) => c.end <= gutter + 1), cs.filter((c) => c.x >= gutter - 1)] as const
    let i = 0
    while (i < cells.length) {
      if (crosses(cells[i]!) || regions.some((r) => i >= r.from && i <= r.to)) {
        i++
        continue
      }
      let j = i
      while (j + 1 < cells.length && !crosses(cells[j + 1]!) && !regions.some((r) => j + 1 >= r.from && j + 1 <= r.to)) j++
      const block = cells.slice(i, j + 1)
      const both = block.filter((cs) => sides(cs).every((s) => s.length > 0))
      // Prose columns are one cell a side; a table has several (and is read row by row).
      const simple = block.every((cs) => sides(cs).every((s) => s.length <= 2)) && both.filter((cs) => sides(cs).every((s) => s.length === 1)).length >= 0.8 * both.length
      const left = both.map((cs) => sides(cs)[0])
      const lx = Math.min(...left.map((l) => l[0]!.x))
      const wide = left.filter((l) => l.at(-1)!.end - lx > 0.6 * (gutter - lx)).length
      if (both.length >= 4 && simple && wide >= 0.6 * both.length) regions.push({from: i, to: j, gutter})
      i = j + 1
    }
  }
  return regions.sort((a, b) => a.from - b.from)
}

const rowsOf = (baselines: readonly TextItem[][]): Row[] => {
  const rows: Row[] = []
  let lastY = 0
  for (const line of baselines) {
    const row: Row = {y: line[0]!.y, h: Math.max(...line.map((r) => r.h || 10)), cells: cellsOf(line)}
    const prev = rows.at(-1)
    if (prev && isContinuation(prev, lastY, row)) {
      for (const c of row.cells) {
        const target = aligned(c.x, prev.cells)!
        target.text += ` ${c.text}`
        target.end = Math.max(target.end, c.end)
      }
    } else {
      rows.push(row)
    }
    lastY = row.y
  }
  return rows
}

/**
 * Rebuild reading-order lines from positioned text runs: runs on the same baseline form a line, wide gaps
 * become cell separators, two-column passages are read column by column, and wrapped table cells are folded
 * back into their row.
 */
export const layoutPage = (items: readonly TextItem[], page: {width: number; height: number}): PdfLine[] => {
  const baselines = baselinesOf(items)
  const regions = columnRegions(baselines, page.width)
  const streams: TextItem[][][] = []
  let i = 0
  for (const r of regions) {
    if (r.from > i) streams.push(baselines.slice(i, r.from))
    const block = baselines.slice(r.from, r.to + 1)
    streams.push(block.map((b) => b.filter((t) => t.x < r.gutter)).filter((b) => b.length > 0))
    streams.push(block.map((b) => b.filter((t) => t.x >= r.gutter)).filter((b) => b.length > 0))
    i = r.to + 1
  }
  if (i < baselines.length) streams.push(baselines.slice(i))
  return streams.flatMap(rowsOf).map((r) => {
    const cells = r.cells.map((c) => c.text.replace(/\s+/g, ' ').trim())
    const x0 = Math.min(...r.cells.map((c) => c.x))
    const x1 = Math.max(...r.cells.map((c) => c.end))
    const top = page.height - r.y - r.h
    return {text: cells.join(CELL).trim(), bbox: {x0, y0: top, x1, y1: page.height - r.y + 0.25 * r.h}, ...(cells.length > 1 ? {cells} : {})}
  })
}

/** The old flat form: each line's text, for callers that want strings. */
export const pageLines = (items: readonly TextItem[], page: {width: number; height: number} = {width: 612, height: 792}): string[] =>
  layoutPage(items, page).map((l) => l.text)

const PAGE_NUMBER = /^(?:page\s+)?([0-9]{1,4}|[ivxlc]{1,8}|[A-Z]-\d{1,3})(?:\s+of\s+\d{1,4})?$/i

/** A running header or footer: the same words (numbers aside) in the top or bottom band of most pages. */
const runningKey = (l: PdfLine, height: number): string | undefined => {
  const band = l.bbox.y1 < 0.1 * height ? 'top' : l.bbox.y0 > 0.9 * height ? 'bottom' : undefined
  return band ? `${band}:${l.text.toLowerCase().replace(/\d+/g, '#').replace(/\b[ivxlc]+\b/g, '#').replace(/\s+/g, ' ')}` : undefined
}

export interface RunningText {
  /** Lines removed from each page (page index 0-based → texts). */
  readonly removed: readonly (readonly string[])[]
  /** The page number printed in each page's margin, when there is one. */
  readonly printed: readonly (string | undefined)[]
}

/**
 * Remove running headers and footers (text repeated at the same place on most pages) and bare page numbers in
 * the margins, which otherwise become part of whatever list or sentence crosses the page break.
 */
export const removeRunningText = (pages: {lines: PdfLine[]; height: number}[]): RunningText => {
  const counts = new Map<string, number>()
  for (const p of pages) for (const k of new Set(p.lines.map((l) => runningKey(l, p.height)).filter(Boolean))) counts.set(k!, (counts.get(k!) ?? 0) + 1)
  const threshold = Math.max(3, Math.ceil(0.4 * pages.length))
  const removed: string[][] = []
  const printed: (string | undefined)[] = []
  for (const p of pages) {
    const gone: string[] = []
    let number: string | undefined
    p.lines = p.lines.filter((l) => {
      const k = runningKey(l, p.height)
      if (!k) return true
      const n = PAGE_NUMBER.exec(l.text.trim())
      if (n) number ??= n[1]
      else {
        const inner = /\bpage\s+([0-9]{1,4}|[ivxlc]{1,8}|[A-Z]-\d{1,3})\b/i.exec(l.text)
        if (inner && (counts.get(k) ?? 0) >= threshold) number ??= inner[1]
      }
      if (n || (counts.get(k) ?? 0) >= threshold) {
        gone.push(l.text)
        return false
      }
      return true
    })
    removed.push(gone)
    printed.push(number)
  }
  return {removed, printed}
}
