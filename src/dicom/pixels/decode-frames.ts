// Pixel data → 8-bit grey frames for OCR: native (any byte order), RLE, JPEG baseline/extended (jpeg-js) and
// JPEG lossless (jpeg-lossless-decoder-js). Anything else is `not-decoded` with the syntax named: the caller must
// report such a file as not checked, never as clean.
import {createRequire} from 'node:module'

import type {GreyImage} from '../../ocr/ocr.js'
import type {DicomDataset} from '../read/dicom-file.js'
import {firstText} from '../read/tags.js'

export type DecodeOutcome =
  | {readonly status: 'decoded'; readonly frames: readonly GreyImage[]; readonly totalFrames: number}
  | {readonly status: 'not-decoded'; readonly reason: string}

export const TS_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-Lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.201': 'HTJ2K Lossless',
  '1.2.840.10008.1.2.4.202': 'HTJ2K Lossless RPCL',
  '1.2.840.10008.1.2.4.203': 'HTJ2K',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
  '1.2.840.10008.1.2.4.100': 'MPEG2',
  '1.2.840.10008.1.2.4.102': 'MPEG-4',
}

const NATIVE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.1.99', '1.2.840.10008.1.2.2'])
const JPEG_LOSSY = new Set(['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51'])
const JPEG_LOSSLESS = new Set(['1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70'])
export const DECODED_SYNTAXES: readonly string[] = [...NATIVE, ...JPEG_LOSSY, ...JPEG_LOSSLESS, '1.2.840.10008.1.2.5']

const num = (ds: DicomDataset, key: string, fallback: number): number => {
  const v = ds[key]?.Value?.[0]
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN
  return Number.isFinite(n) ? n : fallback
}

const bytesOf = (v: unknown): Uint8Array | undefined =>
  v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : undefined

export interface PixelModule {
  readonly rows: number
  readonly columns: number
  readonly samples: number
  readonly bitsAllocated: number
  readonly bitsStored: number
  readonly signed: boolean
  readonly photometric: string
  readonly planar: number
  readonly frames: number
  readonly slope: number
  readonly intercept: number
  readonly window?: {center: number; width: number}
}

export const pixelModule = (ds: DicomDataset): PixelModule => {
  const wc = num(ds, '00281050', NaN)
  const ww = num(ds, '00281051', NaN)
  return {
    rows: num(ds, '00280010', 0),
    columns: num(ds, '00280011', 0),
    samples: num(ds, '00280002', 1),
    bitsAllocated: num(ds, '00280100', 8),
    bitsStored: num(ds, '00280101', num(ds, '00280100', 8)),
    signed: num(ds, '00280103', 0) === 1,
    photometric: (firstText(ds, '00280004') ?? 'MONOCHROME2').toUpperCase(),
    planar: num(ds, '00280006', 0),
    frames: Math.max(1, Math.floor(num(ds, '00280008', 1))),
    slope: num(ds, '00281053', 1) || 1,
    intercept: num(ds, '00281052', 0),
    ...(Number.isFinite(wc) && Number.isFinite(ww) && ww > 1 ? {window: {center: wc, width: ww}} : {}),
  }
}

/** Samples of one frame as numbers (interleaved when colour), native layout. */
const nativeSamples = (px: PixelModule, b: Uint8Array, little: boolean): Float64Array | undefined => {
  const n = px.rows * px.columns * px.samples
  const out = new Float64Array(n)
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const mask = px.bitsStored >= 32 ? 0xffffffff : 2 ** px.bitsStored - 1
  for (let i = 0; i < n; i++) {
    let v: number
    if (px.bitsAllocated === 8) v = b[i] ?? 0
    else if (px.bitsAllocated === 16) v = i * 2 + 1 < b.length ? view.getUint16(i * 2, little) : 0
    else if (px.bitsAllocated === 32) v = i * 4 + 3 < b.length ? view.getUint32(i * 4, little) : 0
    else return undefined
    v = v & mask
    if (px.signed && v > mask / 2) v -= mask + 1
    out[i] = v
  }
  return out
}

/** Stored values → 8-bit grey: colour to luminance, modality rescale, then the file's window or the frame's range. */
export const toGrey = (px: PixelModule, samples: ArrayLike<number>, interleaved = px.planar === 0): GreyImage => {
  const count = px.rows * px.columns
  const lum = new Float64Array(count)
  if (px.samples === 3) {
    const ybr = px.photometric.startsWith('YBR')
    for (let i = 0; i < count; i++) {
      const [a, b, c] = interleaved ? [samples[i * 3]!, samples[i * 3 + 1]!, samples[i * 3 + 2]!] : [samples[i]!, samples[count + i]!, samples[2 * count + i]!]
      lum[i] = ybr ? a : 0.299 * a + 0.587 * b + 0.114 * c
    }
  } else for (let i = 0; i < count; i++) lum[i] = (samples[i] ?? 0) * px.slope + px.intercept
  let lo: number
  let hi: number
  if (px.window && px.samples === 1) {
    lo = px.window.center - px.window.width / 2
    hi = px.window.center + px.window.width / 2
  } else {
    lo = Infinity
    hi = -Infinity
    for (let i = 0; i < count; i++) {
      const v = lum[i]!
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  }
  const span = hi - lo || 1
  const data = new Uint8Array(count)
  const invert = px.photometric === 'MONOCHROME1'
  for (let i = 0; i < count; i++) {
    const g = Math.max(0, Math.min(255, Math.round(((lum[i]! - lo) / span) * 255)))
    data[i] = invert ? 255 - g : g
  }
  return {width: px.columns, height: px.rows, data}
}

/** PackBits-style RLE segments of one DICOM RLE frame (PS3.5 Annex G). */
const decodeRle = (px: PixelModule, frag: Uint8Array): Float64Array => {
  const view = new DataView(frag.buffer, frag.byteOffset, frag.byteLength)
  const segments = view.getUint32(0, true)
  const count = px.rows * px.columns
  const bytesPer = px.bitsAllocated / 8
  const planes: Uint8Array[] = []
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + s * 4, true)
    const end = s + 1 < segments ? view.getUint32(8 + s * 4, true) : frag.length
    const out = new Uint8Array(count)
    let o = 0
    let i = start
    while (i < end && o < count) {
      const n = (frag[i++]! << 24) >> 24
      if (n >= 0) {
        for (let k = 0; k <= n && o < count; k++) out[o++] = frag[i++]!
      } else if (n !== -128) {
        const v = frag[i++]!
        for (let k = 0; k < 1 - n && o < count; k++) out[o++] = v
      }
    }
    planes.push(out)
  }
  // Segments are most-significant byte first, one per byte of each sample; samples are planar.
  const samples = new Float64Array(count * px.samples)
  const mask = 2 ** px.bitsStored - 1
  for (let s = 0; s < px.samples; s++) {
    for (let i = 0; i < count; i++) {
      let v = 0
      for (let b = 0; b < bytesPer; b++) v = v * 256 + (planes[s * bytesPer + b]?.[i] ?? 0)
      v = v % (mask + 1)
      if (px.signed && v > mask / 2) v -= mask + 1
      samples[s * count + i] = v
    }
  }
  return samples
}

const require = createRequire(import.meta.url)
let jpegJs: {decode(data: Uint8Array, opts: Record<string, unknown>): {width: number; height: number; data: Uint8Array}} | undefined
let lossless: {Decoder: new () => {decode(buffer: ArrayBuffer, offset?: number, length?: number, numBytes?: number): Uint8Array | Uint16Array}} | undefined

/** Fragments → one encoded stream per frame: one fragment per frame, or everything for a single frame. */
const framesOf = (fragments: readonly Uint8Array[], frames: number): Uint8Array[] | undefined => {
  if (fragments.length === frames) return [...fragments]
  if (frames === 1) return [Buffer.concat(fragments)]
  // Frames spread over fragments differently: split the whole stream at JPEG start-of-image markers (FF D8 FF
  // cannot occur inside entropy-coded data, where every FF is followed by 00 or a restart marker).
  const all = Buffer.concat(fragments)
  const starts: number[] = []
  for (let i = 0; i + 2 < all.length; i++) if (all[i] === 0xff && all[i + 1] === 0xd8 && all[i + 2] === 0xff) starts.push(i)
  if (starts.length !== frames) return undefined
  return starts.map((s, k) => all.subarray(s, starts[k + 1] ?? all.length))
}

/** Decode up to `maxFrames` frames (spread over the run when there are more) to 8-bit grey. */
export const decodeFrames = (ds: DicomDataset, transferSyntax: string, maxFrames = 8): DecodeOutcome => {
  const el = ds['7FE00010']
  if (!el || !el.Value || el.Value.length === 0) return {status: 'not-decoded', reason: 'no pixel data'}
  const px = pixelModule(ds)
  if (px.rows === 0 || px.columns === 0) return {status: 'not-decoded', reason: 'Rows or Columns is missing'}
  const pick = (total: number): number[] => {
    if (total <= maxFrames) return Array.from({length: total}, (_, i) => i)
    if (maxFrames <= 1) return [0]
    return Array.from({length: maxFrames}, (_, i) => Math.round((i * (total - 1)) / (maxFrames - 1)))
  }
  const name = TS_NAMES[transferSyntax] ?? transferSyntax
  try {
    const raw = el._rawValue as {encapsulated?: boolean; littleEndian?: boolean} | undefined
    if (NATIVE.has(transferSyntax) && !raw?.encapsulated) {
      if (![8, 16, 32].includes(px.bitsAllocated)) return {status: 'not-decoded', reason: `${px.bitsAllocated}-bit pixel data is not decoded`}
      const all = bytesOf(el.Value[0])
      if (!all) return {status: 'not-decoded', reason: 'pixel data holds no bytes'}
      if (px.photometric === 'YBR_FULL_422' && px.samples === 3 && px.bitsAllocated === 8) {
        // Native 4:2:2: Y0 Y1 Cb Cr for each pair of pixels; the Y samples are the grey image.
        const frameBytes = px.rows * px.columns * 2
        const total = Math.min(px.frames, Math.floor(all.length / frameBytes))
        if (total === 0) return {status: 'not-decoded', reason: `pixel data is shorter than one frame (${all.length} of ${frameBytes} bytes)`}
        const frames = pick(total).map((f) => {
          const b = all.subarray(f * frameBytes)
          const y = new Float64Array(px.rows * px.columns)
          for (let i = 0; i < y.length; i++) y[i] = b[(i >> 1) * 4 + (i & 1)]!
          return toGrey({...px, samples: 1, photometric: 'MONOCHROME2'}, y)
        })
        return {status: 'decoded', frames, totalFrames: total}
      }
      const frameBytes = (px.rows * px.columns * px.samples * px.bitsAllocated) / 8
      const total = Math.min(px.frames, Math.floor(all.length / frameBytes))
      if (total === 0) return {status: 'not-decoded', reason: `pixel data is shorter than one frame (${all.length} of ${frameBytes} bytes)`}
      const little = raw?.littleEndian ?? transferSyntax !== '1.2.840.10008.1.2.2'
      const frames = pick(total).map((f) => {
        const s = nativeSamples(px, all.subarray(f * frameBytes, (f + 1) * frameBytes), little)!
        return toGrey(px, s)
      })
      return {status: 'decoded', frames, totalFrames: total}
    }
    const fragments = el.Value.map(bytesOf).filter((b): b is Uint8Array => b !== undefined)
    if (transferSyntax === '1.2.840.10008.1.2.5') {
      const frames = pick(Math.min(fragments.length, px.frames)).map((f) => toGrey(px, decodeRle(px, fragments[f]!), false))
      return {status: 'decoded', frames, totalFrames: px.frames}
    }
    if (JPEG_LOSSY.has(transferSyntax) || JPEG_LOSSLESS.has(transferSyntax)) {
      const streams = framesOf(fragments, px.frames)
      if (!streams) return {status: 'not-decoded', reason: `${name}: ${fragments.length} fragments cannot be matched to ${px.frames} frames`}
      const frames = pick(streams.length).map((f) => decodeJpeg(px, streams[f]!, JPEG_LOSSLESS.has(transferSyntax)))
      return {status: 'decoded', frames, totalFrames: streams.length}
    }
    return {status: 'not-decoded', reason: `${name} (${transferSyntax}) pixel data is not decoded by scanvet`}
  } catch (e) {
    return {status: 'not-decoded', reason: `${name} pixel data could not be decoded: ${(e as Error).message.split('\n')[0]}`}
  }
}

const decodeJpeg = (px: PixelModule, stream: Uint8Array, isLossless: boolean): GreyImage => {
  if (isLossless) {
    lossless ??= require('jpeg-lossless-decoder-js') as typeof lossless
    const buf = stream.buffer.slice(stream.byteOffset, stream.byteOffset + stream.byteLength) as ArrayBuffer
    const out = new lossless!.Decoder().decode(buf, 0, buf.byteLength, px.bitsAllocated > 8 ? 2 : 1)
    const samples = px.bitsAllocated > 8 ? new Uint16Array(out.buffer, out.byteOffset, out.byteLength / 2) : new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
    return toGrey({...px, slope: px.slope, photometric: px.samples === 3 ? 'RGB' : px.photometric}, samples, true)
  }
  jpegJs ??= require('jpeg-js') as typeof jpegJs
  const img = jpegJs!.decode(stream, {useTArray: true, formatAsRGBA: false, tolerantDecoding: true, maxMemoryUsageInMB: 1024})
  const comps = img.data.length / (img.width * img.height)
  const samples = comps === 1 ? img.data : Float64Array.from({length: img.width * img.height * 3}, (_, i) => img.data[i]!)
  // jpeg-js has already converted YCbCr to RGB; the window does not apply to lossy 8-bit data.
  return toGrey({...px, rows: img.height, columns: img.width, samples: comps === 1 ? 1 : 3, photometric: comps === 1 ? px.photometric : 'RGB', slope: 1, intercept: 0, window: undefined as never}, samples, true)
}
