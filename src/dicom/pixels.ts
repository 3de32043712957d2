/**
 * Generated pixel data: a smooth phantom (an ellipse of "tissue" with a brighter disc, on a faint gradient),
 * 16-bit little-endian, values within BitsStored. Deterministic in (rows, columns, slice), so a test can
 * regenerate it and compare byte for byte; it is drawn, never derived from an image of a person.
 */
export const phantomPixels = (rows: number, columns: number, slice: number, bitsStored: number): Uint8Array => {
  const max = (1 << bitsStored) - 1
  const out = new Uint8Array(rows * columns * 2)
  const cx = columns / 2
  const cy = rows / 2
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const ex = (x - cx) / (columns * 0.4)
      const ey = (y - cy) / (rows * 0.45)
      const dx = x - cx - columns * 0.12
      const dy = y - cy + slice * 2
      let v = Math.round(((x + y) / (rows + columns)) * 200)
      if (ex * ex + ey * ey <= 1) v += 1000
      if (dx * dx + dy * dy <= (Math.min(rows, columns) * 0.12) ** 2) v += 1200
      v = Math.min(max, v)
      const i = (y * columns + x) * 2
      out[i] = v & 0xff
      out[i + 1] = v >> 8
    }
  }
  return out
}
