// A small picture of a frame in which identifying text was found, for the report: the decoded grey pixels
// scaled down, each detected text region boxed in red. Unless values may be shown, the region itself is
// blacked out first, so the thumbnail never prints the name or ID it points at (the showValues rule).
import type {GreyImage} from '../../ocr/ocr.js'
import {encodePng, type RgbImage} from '../../util/png-encode.js'
import type {PixelBox} from '../deid/deid-check-types.js'

export interface ThumbnailOptions {
  /** The longer side of the thumbnail, in pixels (never scaled up). */
  readonly maxSide?: number
  /** Show the text inside the boxes (only when the user asked to see values). Default: masked. */
  readonly showValues?: boolean
}

/** Margin around each box, in source pixels: OCR boxes hug the glyphs and may clip ascenders. */
const PAD = 3
const RED = [220, 20, 40] as const
const MASK = 32

/** Area-average downscale of a grey image by an integer-free factor (each target pixel averages its source block). */
const shrink = (img: GreyImage, w: number, h: number): Uint8Array => {
  if (w === img.width && h === img.height) return img.data.slice(0, w * h)
  const out = new Uint8Array(w * h)
  const sx = img.width / w
  const sy = img.height / h
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y * sy)
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy))
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x * sx)
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx))
      let sum = 0
      let n = 0
      for (let yy = y0; yy < y1 && yy < img.height; yy++) for (let xx = x0; xx < x1 && xx < img.width; xx++, n++) sum += img.data[yy * img.width + xx]!
      out[y * w + x] = n ? Math.round(sum / n) : 0
    }
  }
  return out
}

/** The boxed (and, by default, masked) frame as RGB at thumbnail size. */
export const thumbnailImage = (img: GreyImage, boxes: readonly PixelBox[], opts: ThumbnailOptions = {}): RgbImage => {
  const maxSide = opts.maxSide ?? 320
  const scale = Math.min(1, maxSide / Math.max(img.width, img.height))
  const w = Math.max(1, Math.round(img.width * scale))
  const h = Math.max(1, Math.round(img.height * scale))
  const grey = shrink(img, w, h)
  const rgb = new Uint8Array(w * h * 3)
  for (let i = 0; i < w * h; i++) rgb.fill(grey[i]!, i * 3, i * 3 + 3)
  const put = (x: number, y: number, c: readonly [number, number, number] | number) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return
    const o = (y * w + x) * 3
    if (typeof c === 'number') rgb.fill(c, o, o + 3)
    else rgb.set(c, o)
  }
  const rects = boxes.map((b) => ({
    x0: Math.max(0, Math.floor((b.x - PAD) * scale)),
    y0: Math.max(0, Math.floor((b.y - PAD) * scale)),
    x1: Math.min(w - 1, Math.ceil((b.x + b.width + PAD) * scale)),
    y1: Math.min(h - 1, Math.ceil((b.y + b.height + PAD) * scale)),
  }))
  if (!opts.showValues) for (const r of rects) for (let y = r.y0; y <= r.y1; y++) for (let x = r.x0; x <= r.x1; x++) put(x, y, MASK)
  // A 2-pixel outline, drawn after every mask so neighbouring boxes stay visible.
  for (const r of rects) {
    for (let t = 0; t < 2; t++) {
      for (let x = r.x0 - t; x <= r.x1 + t; x++) {
        put(x, r.y0 - t, RED)
        put(x, r.y1 + t, RED)
      }
      for (let y = r.y0 - t; y <= r.y1 + t; y++) {
        put(r.x0 - t, y, RED)
        put(r.x1 + t, y, RED)
      }
    }
  }
  return {width: w, height: h, rgb}
}

/** The thumbnail as an opaque RGB PNG (PDF/A allows no alpha channel). */
export const thumbnailPng = (img: GreyImage, boxes: readonly PixelBox[], opts: ThumbnailOptions = {}): Buffer => encodePng(thumbnailImage(img, boxes, opts))
