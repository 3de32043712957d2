// `dicom deid --clean-pixels`: text burned into the pixels found with the same OCR and matching as `dicom check
// --pixels`, and each box filled with the frame's black, in the stored pixel data itself. Only native pixel data
// is cleaned: rewriting a compressed image would mean re-encoding it (a lossy image re-compressed loses more), so
// such a file is left for a person, never written half-cleaned.
import type {OcrEngine} from '../../ocr/ocr.js'
import type {DicomDataset} from '../read/dicom-file.js'
import type {PixelBox} from '../deid/deid-check-types.js'
import {readImageText} from './check-pixels.js'
import {decodeFrames, pixelModule, TS_NAMES, type PixelModule} from './decode-frames.js'
import type {PixelSeeds} from './text-match.js'

export type PixelCleaning =
  | {readonly status: 'cleaned'; readonly frames: number; readonly boxes: readonly PixelBox[]}
  | {readonly status: 'not-cleanable'; readonly reason: string}

/** Frames OCR'd and cleaned per file: every frame is read (a cleaned file must have no frame left unread). */
export const MAX_CLEAN_FRAMES = 64

const NATIVE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.1.99', '1.2.840.10008.1.2.2'])

/** Why this file's pixels cannot be cleaned in place, or undefined when they can. */
export const notCleanable = (ds: DicomDataset, transferSyntax: string): string | undefined => {
  const el = ds['7FE00010']
  const raw = el?._rawValue as {encapsulated?: boolean} | undefined
  if (!el || !el.Value?.length) return 'no pixel data to clean'
  if (!NATIVE.has(transferSyntax) || raw?.encapsulated) return `the pixels are compressed (${TS_NAMES[transferSyntax] ?? transferSyntax}); scanvet cleans uncompressed pixel data only`
  const px = pixelModule(ds)
  if (![8, 16].includes(px.bitsAllocated)) return `${px.bitsAllocated}-bit pixel data is not cleaned`
  const colour = px.samples === 3 && px.photometric === 'RGB'
  const grey = px.samples === 1 && (px.photometric === 'MONOCHROME1' || px.photometric === 'MONOCHROME2')
  if (!colour && !grey) return `${px.photometric} pixels (${px.samples} samples) are not cleaned`
  if (px.frames > MAX_CLEAN_FRAMES) return `${px.frames} frames: more than the ${MAX_CLEAN_FRAMES} a cleaning run reads one by one`
  return undefined
}

/** The margin drawn around a word's box: OCR boxes hug the glyphs, anti-aliased edges and accents lie outside. */
const pad = (b: {x0: number; y0: number; x1: number; y1: number}) => {
  const m = Math.max(2, Math.round((b.y1 - b.y0) * 0.25))
  return {x0: b.x0 - m, y0: b.y0 - m, x1: b.x1 + m, y1: b.y1 + m}
}

/**
 * Black for one frame, as the stored bytes of one sample: the darkest value in the frame for MONOCHROME2 (its
 * minimum: the window may start anywhere), the brightest stored value for MONOCHROME1 (inverted), zero for RGB.
 */
const blackOf = (px: PixelModule, frame: Uint8Array, little: boolean): Uint8Array => {
  const size = px.bitsAllocated / 8
  if (px.samples === 3) return new Uint8Array(size)
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
  const mask = 2 ** px.bitsStored - 1
  const value = (i: number): number => {
    let v = (size === 1 ? frame[i]! : view.getUint16(i * 2, little)) & mask
    if (px.signed && v > mask / 2) v -= mask + 1
    return v
  }
  const n = px.rows * px.columns
  const inverted = px.photometric === 'MONOCHROME1'
  let best = 0
  let bestValue = value(0)
  for (let i = 1; i < n; i++) {
    const v = value(i)
    if (inverted ? v > bestValue : v < bestValue) {
      best = i
      bestValue = v
    }
  }
  return frame.slice(best * size, best * size + size)
}

/** Fill `boxes` of one native frame with `black`, in place; planar colour fills each plane. */
const fill = (px: PixelModule, frame: Uint8Array, boxes: readonly {x0: number; y0: number; x1: number; y1: number}[], black: Uint8Array): void => {
  const size = px.bitsAllocated / 8
  const planes = px.samples === 3 && px.planar === 1 ? 3 : 1
  const perPixel = planes === 1 ? px.samples : 1
  const planeBytes = px.rows * px.columns * size
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x0))
    const y0 = Math.max(0, Math.floor(b.y0))
    const x1 = Math.min(px.columns, Math.ceil(b.x1))
    const y1 = Math.min(px.rows, Math.ceil(b.y1))
    for (let p = 0; p < planes; p++) {
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const at = p * planeBytes + (y * px.columns + x) * perPixel * size
          for (let s = 0; s < perPixel; s++) frame.set(black, at + s * size)
        }
      }
    }
  }
}

/**
 * OCR every frame, black out each identifying box, and put the cleaned pixels back into `ds` (a copy of the
 * pixel data: the parsed original is not changed). The caller re-reads the written file to verify it.
 */
export const cleanPixelText = async (ds: DicomDataset, transferSyntax: string, ocr: OcrEngine, seeds: PixelSeeds): Promise<PixelCleaning> => {
  const why = notCleanable(ds, transferSyntax)
  if (why) return {status: 'not-cleanable', reason: why}
  const px = pixelModule(ds)
  const decoded = decodeFrames(ds, transferSyntax, MAX_CLEAN_FRAMES)
  if (decoded.status === 'not-decoded') return {status: 'not-cleanable', reason: decoded.reason}
  if (decoded.frames.length !== px.frames) return {status: 'not-cleanable', reason: `only ${decoded.frames.length} of ${px.frames} frames are present`}
  const el = ds['7FE00010']!
  const source = el.Value![0] as Uint8Array
  const pixels = Uint8Array.from(source)
  const little = (el._rawValue as {littleEndian?: boolean} | undefined)?.littleEndian ?? transferSyntax !== '1.2.840.10008.1.2.2'
  const frameBytes = (px.rows * px.columns * px.samples * px.bitsAllocated) / 8
  const boxes: PixelBox[] = []
  for (let f = 0; f < decoded.frames.length; f++) {
    const {hits} = await readImageText(ocr, decoded.frames[f]!, seeds)
    if (hits.length === 0) continue
    const frame = pixels.subarray(f * frameBytes, (f + 1) * frameBytes)
    const padded = hits.map((h) => pad(h.bbox))
    fill(px, frame, padded, blackOf(px, frame, little))
    for (const [i, h] of hits.entries()) {
      const b = padded[i]!
      boxes.push({frame: f + 1, x: Math.max(0, b.x0), y: Math.max(0, b.y0), width: Math.min(px.columns, b.x1) - Math.max(0, b.x0), height: Math.min(px.rows, b.y1) - Math.max(0, b.y0), kind: h.kind})
    }
  }
  ds['7FE00010'] = {...el, Value: [pixels]}
  return {status: 'cleaned', frames: decoded.frames.length, boxes}
}
