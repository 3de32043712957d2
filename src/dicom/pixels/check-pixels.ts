// Burned-in text: decode the frames (and overlays), read them with the shared OCR engine, and turn identifying
// text into findings with frame and box. A file whose pixels should be read but cannot be decoded is
// `not-decoded`: the run is then not clean, whatever the headers say.
import type {GreyImage, OcrEngine} from '../../ocr/ocr.js'
import type {DicomDataset} from '../read/dicom-file.js'
import {firstText} from '../read/tags.js'
import {BURNED_IN_MODALITIES} from '../deid/check-dataset.js'
import type {CheckedFile, DeidFinding, PixelBox, PixelCheck, PixelChecker} from '../deid/deid-check-types.js'
import {decodeFrames} from './decode-frames.js'
import {matchLine, seedsOf, type PixelSeeds, type PixelTextHit} from './text-match.js'

export type PixelMode = 'auto' | 'all' | 'off'

/** Modalities whose pixels are read by default (the issue's list: where burned-in text is common). */
export const PIXEL_MODALITIES: ReadonlySet<string> = new Set([...BURNED_IN_MODALITIES, 'DX', 'CR'])

/** Should this file's pixels be read under the mode? Returns why not when not. */
export const pixelsWanted = (ds: DicomDataset, mode: PixelMode): {wanted: true} | {wanted: false; reason: string} => {
  if (!ds['7FE00010'] && !hasOverlay(ds)) return {wanted: false, reason: 'no pixel data'}
  if (mode === 'off') return {wanted: false, reason: 'pixels not read (--no-pixels)'}
  if (mode === 'all') return {wanted: true}
  const modality = firstText(ds, '00080060')?.toUpperCase() ?? ''
  const burned = firstText(ds, '00280301')?.toUpperCase()
  const sc = (firstText(ds, '00080016') ?? '').startsWith('1.2.840.10008.5.1.4.1.1.7')
  if (PIXEL_MODALITIES.has(modality) || sc || burned !== 'NO') return {wanted: true}
  return {wanted: false, reason: `pixels not read: ${modality || 'this'} modality with Burned In Annotation NO (use --pixels to read them)`}
}

const hasOverlay = (ds: DicomDataset): boolean => Object.keys(ds).some((k) => /^60[0-1][0-9A-E]3000$/.test(k))

/** Overlay planes (60xx,3000): one bit per pixel, drawn black on white for OCR. */
export const overlayImages = (ds: DicomDataset): {group: string; image: GreyImage}[] => {
  const out: {group: string; image: GreyImage}[] = []
  for (const key of Object.keys(ds).filter((k) => /^60[0-1][0-9A-E]3000$/.test(k))) {
    const g = key.slice(0, 4)
    const rows = Number(ds[`${g}0010`]?.Value?.[0] ?? 0)
    const cols = Number(ds[`${g}0011`]?.Value?.[0] ?? 0)
    const v = ds[key]?.Value?.[0]
    const bits = v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : undefined
    if (!rows || !cols || !bits) continue
    const data = new Uint8Array(rows * cols).fill(255)
    for (let i = 0; i < rows * cols; i++) if ((bits[i >> 3]! >> (i & 7)) & 1) data[i] = 0
    out.push({group: g, image: {width: cols, height: rows, data}})
  }
  return out
}

/** Bilinear upscale: tesseract reads text best with capitals 20-30 px tall; small burned-in text is 8-16 px. */
export const upscale = (img: GreyImage, f: number): GreyImage => {
  if (f === 1) return img
  const w = Math.round(img.width * f)
  const h = Math.round(img.height * f)
  const data = new Uint8Array(w * h)
  for (let y = 0; y < h; y++) {
    const sy = Math.min(img.height - 1, (y + 0.5) / f - 0.5)
    const y0 = Math.max(0, Math.floor(sy))
    const y1 = Math.min(img.height - 1, y0 + 1)
    const fy = Math.max(0, sy - y0)
    for (let x = 0; x < w; x++) {
      const sx = Math.min(img.width - 1, (x + 0.5) / f - 0.5)
      const x0 = Math.max(0, Math.floor(sx))
      const x1 = Math.min(img.width - 1, x0 + 1)
      const fx = Math.max(0, sx - x0)
      const a = img.data[y0 * img.width + x0]!
      const b = img.data[y0 * img.width + x1]!
      const c = img.data[y1 * img.width + x0]!
      const d = img.data[y1 * img.width + x1]!
      data[y * w + x] = Math.round(a * (1 - fx) * (1 - fy) + b * fx * (1 - fy) + c * (1 - fx) * fy + d * fx * fy)
    }
  }
  return {width: w, height: h, data}
}

/** OCR one image and match every line; boxes are returned in the image's own coordinates. */
export const readImageText = async (engine: OcrEngine, img: GreyImage, seeds: PixelSeeds): Promise<{hits: PixelTextHit[]; text: string}> => {
  const f = Math.max(img.width, img.height) <= 1280 ? 2 : 1
  const big = upscale(img, f)
  const r = await engine.recognise(big)
  const hits: PixelTextHit[] = []
  for (const line of r.lines) {
    for (const h of matchLine(line.words, seeds)) {
      hits.push({...h, bbox: {x0: Math.floor(h.bbox.x0 / f), y0: Math.floor(h.bbox.y0 / f), x1: Math.ceil(h.bbox.x1 / f), y1: Math.ceil(h.bbox.y1 / f)}})
    }
  }
  return {hits, text: r.text}
}

const KIND_WORDS: Readonly<Record<PixelTextHit['kind'], string>> = {
  name: 'a name',
  'known-id': 'an identifier from the header',
  mrn: 'a record number',
  phone: 'a phone number',
  email: 'an e-mail address',
  url: 'a URL',
  date: 'a date',
}

const mask = (s: string): string => (s.length <= 2 ? '*'.repeat(s.length) : `${s[0]}${'*'.repeat(Math.min(s.length - 2, 12))}${s[s.length - 1]}`)

export interface PixelCheckInput {
  readonly dataset: DicomDataset
  readonly transferSyntax: string
}

/** A frame (or overlay) in which identifying text was found: its decoded grey pixels and the boxes. */
export interface ShownImage {
  readonly frame?: number
  readonly overlay?: string
  readonly image: GreyImage
  readonly boxes: readonly PixelBox[]
}

export interface PixelOutcome {
  readonly pixels: PixelCheck
  readonly findings: DeidFinding[]
  /** The images with identifying text, for a thumbnail; empty when nothing was found. */
  readonly shown: readonly ShownImage[]
}

/**
 * Read a file's pixels and fold the outcome into its header findings. When the pixels were read and show
 * nothing, the header-only quarantine for a risky modality is lifted (the pixels were looked at); Burned In
 * Annotation YES still quarantines.
 */
export const checkPixels = async (
  input: PixelCheckInput,
  judged: CheckedFile,
  engine: () => Promise<OcrEngine>,
  mode: PixelMode,
  showValues: boolean,
  maxFrames = 8,
): Promise<PixelOutcome> => {
  const want = pixelsWanted(input.dataset, mode)
  if (!want.wanted) return {pixels: {status: 'skipped', reason: want.reason}, findings: [...judged.findings], shown: []}
  const seeds = seedsOf(input.dataset)
  const images: {frame?: number; overlay?: string; image: GreyImage}[] = []
  let totalFrames = 0
  if (input.dataset['7FE00010']) {
    const decoded = decodeFrames(input.dataset, input.transferSyntax, maxFrames)
    if (decoded.status === 'not-decoded') {
      const findings = [...judged.findings]
      if (!findings.some((f) => f.kind === 'burned-in')) {
        findings.push({path: '(7FE0,0010)', keyword: 'PixelData', kind: 'burned-in', identifying: false, message: `pixels not checked: ${decoded.reason}`})
      }
      return {pixels: {status: 'not-decoded', reason: decoded.reason}, findings, shown: []}
    }
    totalFrames = decoded.totalFrames
    const step = decoded.totalFrames <= maxFrames ? 1 : (decoded.totalFrames - 1) / (maxFrames - 1)
    decoded.frames.forEach((image, i) => images.push({frame: Math.round(i * step) + 1, image}))
  }
  for (const o of overlayImages(input.dataset)) images.push({overlay: o.group, image: o.image})
  const ocr = await engine()
  const boxes: PixelBox[] = []
  const found: DeidFinding[] = []
  const shown: ShownImage[] = []
  for (const im of images) {
    const {hits} = await readImageText(ocr, im.image, seeds)
    const here: PixelBox[] = []
    for (const h of hits) {
      const box: PixelBox = {...(im.frame !== undefined ? {frame: im.frame} : {}), ...(im.overlay ? {overlay: im.overlay} : {}), x: h.bbox.x0, y: h.bbox.y0, width: h.bbox.x1 - h.bbox.x0, height: h.bbox.y1 - h.bbox.y0, kind: h.kind}
      boxes.push(box)
      here.push(box)
      const where = im.overlay ? `overlay (${im.overlay},3000)` : `frame ${im.frame}`
      found.push({
        path: im.overlay ? `(${im.overlay},3000)` : '(7FE0,0010)',
        keyword: im.overlay ? 'OverlayData' : 'PixelData',
        kind: 'burned-in',
        identifying: true,
        match: h.kind === 'date' ? 'mrn' : h.kind,
        message: `text burned into the pixels looks like ${KIND_WORDS[h.kind]} (${where}, box ${box.x},${box.y} ${box.width}×${box.height})${showValues ? '' : `: ${mask(h.text)}`}`,
        ...(showValues ? {value: h.text} : {}),
        box,
      })
    }
    if (here.length > 0) shown.push({...(im.frame !== undefined ? {frame: im.frame} : {}), ...(im.overlay ? {overlay: im.overlay} : {}), image: im.image, boxes: here})
  }
  const flagYes = firstText(input.dataset, '00280301')?.toUpperCase() === 'YES'
  // The header-only "may carry burned-in text" quarantine is replaced by what the pixels show.
  const findings = [...judged.findings.filter((f) => f.kind !== 'burned-in' || flagYes), ...found]
  const checkedFrames = images.filter((i) => i.frame !== undefined).length
  return {
    pixels: {status: 'checked', frames: checkedFrames, totalFrames, overlays: images.length - checkedFrames, boxes},
    findings,
    shown,
  }
}

/**
 * Bounds and hooks for one run. `dicom check` reads everything it is pointed at; an assessment bounds the pixel
 * work of a round (see the deid probe) so that a vendor's folder of 5,000 ultrasound frames cannot stall it.
 */
export interface PixelRunOptions {
  /** Frames read per file (spread over a multi-frame run). Default 8. */
  readonly maxFrames?: number
  /** Files whose pixels are read in the run; later files are `skipped` with the bound as the reason. */
  readonly maxFiles?: number
  /** OCR time for the run in ms: no new file is started once it is spent (later files are `skipped`). */
  readonly maxMs?: number
  /** Called with each file whose pixels show identifying text (its frames and boxes), e.g. to draw a thumbnail. */
  readonly onShown?: (file: string, shown: readonly ShownImage[]) => void
  /** The clock for `maxMs` (tests). */
  readonly now?: () => number
}

/** Why a file's pixels were not read when the run's bound was reached (said per file, never silent). */
export const boundReason = (o: PixelRunOptions): string =>
  `pixels not read: this run reads the pixels of at most ${o.maxFiles ?? 'all'} file(s)${o.maxMs !== undefined ? ` within ${Math.round(o.maxMs / 1000)} s of OCR` : ''}, and the bound was reached`

/**
 * A pixel checker for one run: the OCR engine is started only when the first file needs it (a header-only
 * folder of CT never pays for it) and is always closed afterwards. Files are OCR'd one at a time (one worker).
 */
export const withPixelChecker = async <T>(mode: PixelMode, showValues: boolean, fn: (checker: PixelChecker | undefined) => Promise<T>, opts: PixelRunOptions = {}): Promise<T> => {
  if (mode === 'off') return fn(undefined)
  let engine: Promise<OcrEngine> | undefined
  let queue: Promise<unknown> = Promise.resolve()
  const open = () => (engine ??= import('../../ocr/ocr.js').then((m) => m.openOcr()))
  const now = opts.now ?? (() => performance.now())
  let files = 0
  let spent = 0
  const one = async (read: PixelCheckInput, judged: CheckedFile): Promise<PixelOutcome> => {
    const wanted = pixelsWanted(read.dataset, mode).wanted
    if (wanted && ((opts.maxFiles !== undefined && files >= opts.maxFiles) || (opts.maxMs !== undefined && spent >= opts.maxMs))) {
      return {pixels: {status: 'skipped', reason: boundReason(opts)}, findings: [...judged.findings], shown: []}
    }
    if (wanted) files++
    const t0 = now()
    try {
      const out = await checkPixels(read, judged, open, mode, showValues, opts.maxFrames)
      if (out.shown.length > 0) opts.onShown?.(judged.file, out.shown)
      return out
    } finally {
      if (wanted) spent += now() - t0
    }
  }
  const checker: PixelChecker = (read, judged) => {
    const run = queue.then(() => one(read, judged))
    queue = run.catch(() => undefined)
    return run
  }
  try {
    return await fn(checker)
  } finally {
    if (engine) await (await engine).close()
  }
}
