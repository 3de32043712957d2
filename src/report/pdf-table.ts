import type PDFKit from 'pdfkit'

export interface Column {
  readonly header: string
  readonly width: number
}

export interface TableStyle {
  readonly font: string
  readonly bold: string
  readonly fontSize: number
  readonly padding?: number
}

/** Draw rows with wrapped cells, repeating the header after each page break. */
export const drawTable = (
  doc: PDFKit.PDFDocument,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  style: TableStyle,
  cellColour?: (row: number, col: number) => string | undefined,
): void => {
  const pad = style.padding ?? 3
  const left = doc.page.margins.left
  const bottom = () => doc.page.height - doc.page.margins.bottom
  // Hardly any DejaVu Sans glyph is wider than 1 em, so a cell shorter than that bound is one line and needs no
  // layout pass of its own; only longer cells are measured (measuring is a full line-wrapping run).
  const oneLine = (c: string, width: number) => !c.includes('\n') && c.length * style.fontSize <= width
  // Rows repeat (one finding per endpoint), so each distinct cell is measured once per table.
  const measured = new Map<string, number>()
  const measure = (c: string, width: number, font: string): number => {
    const key = `${font}\u0000${width}\u0000${c}`
    let h = measured.get(key)
    if (h === undefined) measured.set(key, (h = doc.heightOfString(c, {width})))
    return h
  }
  const rowHeight = (cells: readonly string[], font: string) => {
    doc.font(font).fontSize(style.fontSize)
    const line = doc.currentLineHeight(true)
    return Math.max(...cells.map((c, i) => (oneLine(c, columns[i]!.width - 2 * pad) ? line : measure(c, columns[i]!.width - 2 * pad, font)))) + 2 * pad
  }
  const drawRow = (cells: readonly string[], font: string, fill?: string, r = -1) => {
    const h = rowHeight(cells, font)
    if (doc.y + h > bottom()) {
      doc.addPage()
      if (r >= 0) drawRow(columns.map((c) => c.header), style.bold, '#e8ecf1')
    }
    const y = doc.y
    if (fill) doc.rect(left, y, columns.reduce((s, c) => s + c.width, 0), h).fill(fill)
    let x = left
    cells.forEach((cell, i) => {
      doc.fillColor((r >= 0 && cellColour?.(r, i)) || '#111111').font(font).fontSize(style.fontSize)
      doc.text(cell, x + pad, y + pad, {width: columns[i]!.width - 2 * pad})
      x += columns[i]!.width
    })
    doc.moveTo(left, y + h).lineTo(x, y + h).lineWidth(0.3).strokeColor('#c5ccd6').stroke()
    doc.x = left
    doc.y = y + h
  }
  drawRow(columns.map((c) => c.header), style.bold, '#e8ecf1')
  rows.forEach((cells, r) => drawRow(cells, style.font, undefined, r))
  doc.fillColor('#111111')
  doc.moveDown(0.5)
}
