// A seeded corpus of DICOM images with text burned into the pixels, and controls with only harmless
// annotations (orientation markers, technique text). Every name, ID and date is invented; the expected boxes
// come from the renderer, so the score needs no hand labels.
import jpeg from 'jpeg-js'

import {writePart10} from '../../src/dicom/write-part10.js'
import {drawText} from './dicom-text-render.js'

export interface Planted {
  readonly text: string
  readonly kind: 'name' | 'id' | 'date'
  readonly size: number
  readonly box: {x0: number; y0: number; x1: number; y1: number}
  readonly frame: number
}

export interface BurnedInCase {
  readonly name: string
  readonly modality: string
  readonly encoding: 'native8' | 'native16' | 'jpeg' | 'rle'
  readonly rows: number
  readonly columns: number
  readonly frames: number
  readonly lightOnDark: boolean
  readonly angle: number
  readonly planted: readonly Planted[]
  readonly harmless: readonly string[]
  readonly bytes: Uint8Array
}

const rng = (seed: number) => () => {
  seed = (seed * 1664525 + 1013904223) >>> 0
  return seed / 2 ** 32
}

const SURNAMES = ['HARTLEY', 'QUINLAN', 'OKAFOR', 'VANTERPOOL', 'MBEKI', 'LINDQVIST', 'FAIRWEATHER', 'DESROCHERS', 'PELLEGRINI', 'ASHCROFT', 'TREMBLAY', 'KOWALCZYK']
const GIVEN = ['Mara', 'Tobias', 'Ines', 'Callum', 'Odile', 'Rafael', 'Wilhelmina', 'Soren', 'Priya', 'Anselm', 'Greta', 'Lucian']
const HARMLESS = ['L', 'R', '5 MHz', '10 cm', 'Gain 45%', 'TRANSVERSE', 'Depth 12 cm', 'FR 30Hz', 'SAGITTAL', 'Left Kidney', '7.5 MHz', '3 cm']
const MODALITIES = ['US', 'SC', 'OT', 'DX', 'CR', 'XA', 'ES']
const SOP: Record<string, string> = {
  US: '1.2.840.10008.5.1.4.1.1.6.1',
  SC: '1.2.840.10008.5.1.4.1.1.7',
  OT: '1.2.840.10008.5.1.4.1.1.7',
  DX: '1.2.840.10008.5.1.4.1.1.1.1',
  CR: '1.2.840.10008.5.1.4.1.1.1',
  XA: '1.2.840.10008.5.1.4.1.1.12.1',
  ES: '1.2.840.10008.5.1.4.1.1.77.1.1',
}
const TS = {native8: '1.2.840.10008.1.2.1', native16: '1.2.840.10008.1.2.1', jpeg: '1.2.840.10008.1.2.4.50', rle: '1.2.840.10008.1.2.5'} as const

/** PackBits (literal runs only is valid RLE; repeats shrink flat backgrounds). */
const packBits = (plane: Uint8Array): Uint8Array => {
  const out: number[] = []
  let i = 0
  while (i < plane.length) {
    let run = 1
    while (i + run < plane.length && run < 128 && plane[i + run] === plane[i]) run++
    if (run >= 3) {
      out.push(257 - run, plane[i]!)
      i += run
      continue
    }
    const start = i
    while (i < plane.length && i - start < 128 && !(i + 2 < plane.length && plane[i] === plane[i + 1] && plane[i] === plane[i + 2])) i++
    out.push(i - start - 1, ...plane.subarray(start, i))
  }
  if (out.length % 2) out.push(0)
  return Uint8Array.from(out)
}

/** The bytes of a Buffer as their own ArrayBuffer (a small Buffer's .buffer is Node's shared 8 KiB pool). */
const exactBuffer = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer

const rleFrame = (planes: Uint8Array[]): ArrayBuffer => {
  const segs = planes.map(packBits)
  const header = new Uint8Array(64)
  const v = new DataView(header.buffer)
  v.setUint32(0, segs.length, true)
  let off = 64
  segs.forEach((s, k) => {
    v.setUint32(4 + k * 4, off, true)
    off += s.length
  })
  return exactBuffer(Buffer.concat([header, ...segs]))
}

/** (7FE0,0010) OB of undefined length: an empty basic offset table, one fragment per frame, a delimiter. */
const encapsulated = (fragments: readonly ArrayBuffer[]): Uint8Array => {
  const item = (b: Uint8Array) => {
    const padded = b.length % 2 ? Buffer.concat([b, Buffer.from([0])]) : Buffer.from(b)
    const h = Buffer.alloc(8)
    h.writeUInt16LE(0xfffe, 0)
    h.writeUInt16LE(0xe000, 2)
    h.writeUInt32LE(padded.length, 4)
    return Buffer.concat([h, padded])
  }
  const head = Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff])
  const end = Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0])
  return Buffer.concat([head, item(new Uint8Array(0)), ...fragments.map((f) => item(new Uint8Array(f))), end])
}

const uid = (n: number) => `2.25.${(BigInt(0x5ca11) * 1000003n + BigInt(n) * 7919n).toString()}`

/** Build the corpus: `identifying` images with planted text, `controls` with harmless annotations only. */
export const burnedInCorpus = (seed = 15, identifying = 30, controls = 8): BurnedInCase[] => {
  const r = rng(seed)
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!
  const out: BurnedInCase[] = []
  for (let n = 0; n < identifying + controls; n++) {
    const control = n >= identifying
    const modality = MODALITIES[n % MODALITIES.length]!
    const encoding = (['native8', 'native16', 'jpeg', 'rle'] as const)[n % 4]!
    const [rows, picked] = pick([[256, 256], [320, 384], [384, 512], [480, 640]] as const)
    const frames = n % 9 === 4 ? 3 : 1
    const lightOnDark = n % 3 !== 2
    const angle = n % 5 === 3 ? (r() < 0.5 ? -6 : 6) : 0
    // Sizes cycle through 8-32 px; the score counts recall on 12 px and larger.
    const size = [8, 10, 12, 14, 16, 20, 24, 32][n % 8]!
    const surname = SURNAMES[n % SURNAMES.length]!
    const given = GIVEN[(n * 5) % GIVEN.length]!
    const id = String(3000000 + Math.floor(r() * 6000000))
    const y = 1930 + Math.floor(r() * 60)
    const m = 1 + Math.floor(r() * 12)
    const d = 1 + Math.floor(r() * 28)
    const dob = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`
    const shownDob = n % 2 === 0 ? `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}` : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
    const texts = control ? [] : [n % 2 === 0 ? `${surname}, ${given}` : `${given} ${surname[0]}${surname.slice(1).toLowerCase()}`, n % 3 === 0 ? `MRN ${id}` : `ID: ${id}`, `DOB ${shownDob}`]
    // Wide enough for the longest line at this size (planted text is never clipped by the image edge).
    const widest = Math.max(0, ...texts.map((t) => drawText({width: 4096, height: 64, data: new Uint8Array(4096 * 64)}, t, 0, 4, size, 255).x1))
    const columns = Math.max(picked, Math.ceil((widest + 24) / 16) * 16)
    const bg = lightOnDark ? 25 : 225
    const fg = lightOnDark ? 235 : 20
    const frameImages: Uint8Array[] = []
    const planted: Planted[] = []
    const harmless: string[] = []
    for (let f = 0; f < frames; f++) {
      const img = {width: columns, height: rows, data: new Uint8Array(rows * columns)}
      // A smooth "anatomy" background: a brighter or darker ellipse on a gradient, kept away from the text bands.
      for (let yy = 0; yy < rows; yy++) {
        for (let xx = 0; xx < columns; xx++) {
          const ex = (xx - columns / 2) / (columns * 0.3)
          const ey = (yy - rows * 0.6) / (rows * 0.25)
          const inside = ex * ex + ey * ey <= 1
          img.data[yy * columns + xx] = Math.max(0, Math.min(255, bg + (lightOnDark ? 1 : -1) * (inside ? 60 : Math.round((yy / rows) * 20))))
        }
      }
      const margin = 6
      if (!control) {
        const lines: [string, Planted['kind']][] = [
          [texts[0]!, 'name'],
          [texts[1]!, 'id'],
          [texts[2]!, 'date'],
        ]
        let ty = margin
        for (const [text, kind] of lines) {
          const box = drawText(img, text, margin, ty, size, fg, angle)
          planted.push({text, kind, size, box, frame: f + 1})
          ty = box.y1 + Math.max(6, Math.round(size * 0.8))
        }
      }
      // Harmless annotations in the bottom corners, in every image.
      const h1 = pick(HARMLESS)
      const h2 = pick(HARMLESS.filter((h) => h !== h1))
      const hs = Math.max(12, size)
      drawText(img, h1, margin, rows - hs - margin, hs, fg)
      drawText(img, h2, Math.round(columns * 0.6), rows - hs - margin, hs, fg)
      if (f === 0) harmless.push(h1, h2)
      frameImages.push(img.data)
    }
    const sopInstanceUid = uid(n)
    const common: Record<string, unknown> = {
      SOPClassUID: SOP[modality],
      SOPInstanceUID: sopInstanceUid,
      StudyInstanceUID: uid(1000 + n),
      SeriesInstanceUID: uid(2000 + n),
      Modality: modality,
      PatientName: `${surname}^${given}`,
      PatientID: id,
      PatientBirthDate: dob,
      Rows: rows,
      Columns: columns,
      PixelRepresentation: 0,
      ...(frames > 1 ? {NumberOfFrames: String(frames)} : {}),
      ...(n % 4 === 1 ? {BurnedInAnnotation: 'NO'} : {}),
    }
    let dataset: Record<string, unknown>
    if (encoding === 'native16') {
      const px = new Uint8Array(rows * columns * frames * 2)
      frameImages.forEach((f, k) => f.forEach((g, i) => {
        const v = g * 16
        px[(k * rows * columns + i) * 2] = v & 0xff
        px[(k * rows * columns + i) * 2 + 1] = v >> 8
      }))
      dataset = {...common, SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', BitsAllocated: 16, BitsStored: 12, HighBit: 11, WindowCenter: '2040', WindowWidth: '4080', PixelData: px.buffer}
    } else if (encoding === 'native8') {
      dataset = {...common, SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', BitsAllocated: 8, BitsStored: 8, HighBit: 7, PixelData: exactBuffer(Buffer.concat(frameImages))}
    } else if (encoding === 'rle') {
      dataset = {...common, SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', BitsAllocated: 8, BitsStored: 8, HighBit: 7, PixelData: frameImages.map((f) => rleFrame([f]))}
    } else {
      const encoded = frameImages.map((f) => {
        const rgba = new Uint8Array(rows * columns * 4)
        f.forEach((g, i) => rgba.set([g, g, g, 255], i * 4))
        const e = jpeg.encode({width: columns, height: rows, data: rgba}, 92).data
        return e.buffer.slice(e.byteOffset, e.byteOffset + e.byteLength) as ArrayBuffer
      })
      dataset = {...common, SamplesPerPixel: 3, PhotometricInterpretation: 'YBR_FULL_422', PlanarConfiguration: 0, BitsAllocated: 8, BitsStored: 8, HighBit: 7, PixelData: encoded}
    }
    const fragments = Array.isArray(dataset.PixelData) ? (dataset.PixelData as ArrayBuffer[]) : undefined
    if (fragments) delete dataset.PixelData
    const head = writePart10(dataset, {sopClassUid: SOP[modality]!, sopInstanceUid, transferSyntaxUid: TS[encoding]})
    const bytes = fragments ? Buffer.concat([head, encapsulated(fragments)]) : head
    out.push({name: `${control ? 'control' : 'burned'}-${String(n).padStart(2, '0')}-${modality}-${encoding}-${size}px`, modality, encoding, rows, columns, frames, lightOnDark, angle, planted, harmless, bytes})
  }
  return out
}

/** Is a planted string found: a reported box on the same frame overlapping it? */
export const overlaps = (a: {x0: number; y0: number; x1: number; y1: number}, b: {x: number; y: number; width: number; height: number}): boolean =>
  a.x0 < b.x + b.width && b.x < a.x1 && a.y0 < b.y + b.height && b.y < a.y1
