import type {TextItem} from '../page-layout.js'
import {PastDeadline, pageText} from './content-text.js'
import {PdfFile, PdfStream, type Resolved} from './pdf-file.js'
import {isDict, nameOf, PdfRef, Unsupported, type PdfDict, type PdfObject} from './pdf-objects.js'

/** One page as the text layer wants it from either reader (the same shape pdf.js's thread returns). */
export interface DirectPage {
  readonly items: TextItem[]
  readonly width: number
  readonly height: number
  readonly label?: string
  readonly hasImage: boolean
}

export type DirectResult =
  | {readonly kind: 'ok'; readonly pageCount: number; readonly pages: DirectPage[]}
  | {readonly kind: 'too-many-pages'; readonly pageCount: number}
  | {readonly kind: 'unsupported'; readonly reason: string}
  | {readonly kind: 'timeout'}

const INHERITED = ['Resources', 'MediaBox', 'CropBox'] as const

interface PageNode {
  readonly dict: PdfDict
  readonly inherited: Partial<Record<(typeof INHERITED)[number], Resolved>>
}

const collectPages = (file: PdfFile, root: PdfDict, maxPages: number): PageNode[] => {
  const out: PageNode[] = []
  const seen = new Set<number>()
  const walk = (obj: PdfObject | undefined, inherited: PageNode['inherited'], depth: number) => {
    if (depth > 64) throw new Unsupported('page tree too deep')
    if (obj instanceof PdfRef) {
      if (seen.has(obj.num)) throw new Unsupported('page tree cycle')
      seen.add(obj.num)
    }
    const node = file.dictOf(obj)
    if (!node) throw new Unsupported('page tree node is not a dictionary')
    const here = {...inherited}
    for (const k of INHERITED) if (node.has(k)) here[k] = file.get(node, k)
    const kids = file.get(node, 'Kids')
    if (nameOf(file.get(node, 'Type')) === 'Pages' || (Array.isArray(kids) && !node.has('Contents'))) {
      if (!Array.isArray(kids)) throw new Unsupported('Pages node without Kids')
      for (const k of kids) {
        walk(k, here, depth + 1)
        if (out.length > maxPages) return
      }
    } else out.push({dict: node, inherited: here})
  }
  walk(root.get('Pages'), {}, 0)
  return out
}

const box = (file: PdfFile, v: Resolved | undefined): [number, number, number, number] | undefined => {
  if (!Array.isArray(v) || v.length !== 4) return undefined
  const n = v.map((x) => file.resolve(x))
  if (!n.every((x) => typeof x === 'number')) return undefined
  const [a, b, c, d] = n as number[]
  return [Math.min(a!, c!), Math.min(b!, d!), Math.max(a!, c!), Math.max(b!, d!)]
}

/** pdf.js's page view: the crop box clipped to the media box (the media box when they do not meet). */
const viewOf = (file: PdfFile, page: PageNode): [number, number, number, number] => {
  const media = box(file, page.inherited.MediaBox) ?? [0, 0, 612, 792]
  const crop = box(file, page.inherited.CropBox)
  if (!crop) return media
  const v: [number, number, number, number] = [Math.max(media[0], crop[0]), Math.max(media[1], crop[1]), Math.min(media[2], crop[2]), Math.min(media[3], crop[3])]
  return v[2] > v[0] && v[3] > v[1] ? v : media
}

const contentsOf = (file: PdfFile, page: PdfDict): Uint8Array[] => {
  const c = file.get(page, 'Contents')
  const parts = Array.isArray(c) ? c.map((x) => file.resolve(x)) : c === null ? [] : [c]
  return parts.map((p) => {
    if (!(p instanceof PdfStream)) throw new Unsupported('page content is not a stream')
    return file.decode(p)
  })
}

const roman = (n: number): string => {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']]
  let s = ''
  for (const [v, r] of table) while (n >= v) (s += r), (n -= v)
  return s
}
const letters = (n: number): string => String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1)

/** Page labels (§12.4.2): the number tree under /PageLabels, each range with its style, prefix and start. */
const pageLabels = (file: PdfFile, root: PdfDict, count: number): string[] | undefined => {
  const tree = file.dictOf(root.get('PageLabels'))
  if (!tree) return undefined
  const ranges: {start: number; dict: PdfDict}[] = []
  const walk = (node: PdfDict, depth: number) => {
    if (depth > 16) throw new Unsupported('page label tree too deep')
    const nums = file.get(node, 'Nums')
    if (Array.isArray(nums))
      for (let i = 0; i + 1 < nums.length; i += 2) {
        const k = file.resolve(nums[i])
        const d = file.dictOf(nums[i + 1])
        if (typeof k === 'number' && d) ranges.push({start: k, dict: d})
      }
    const kids = file.get(node, 'Kids')
    if (Array.isArray(kids)) for (const k of kids) {
      const d = file.dictOf(k)
      if (d) walk(d, depth + 1)
    }
  }
  walk(tree, 0)
  if (ranges.length === 0) return undefined
  ranges.sort((a, b) => a.start - b.start)
  const labels: string[] = []
  for (let i = 0; i < count; i++) {
    const r = [...ranges].reverse().find((x) => x.start <= i)
    if (!r) {
      labels.push('')
      continue
    }
    const style = nameOf(file.get(r.dict, 'S'))
    const st = file.get(r.dict, 'St')
    const n = (typeof st === 'number' ? st : 1) + (i - r.start)
    const prefixRaw = file.get(r.dict, 'P')
    const prefix = prefixRaw instanceof Uint8Array ? textString(prefixRaw) : ''
    const body = style === 'D' ? String(n) : style === 'R' ? roman(n).toUpperCase() : style === 'r' ? roman(n) : style === 'A' ? letters(n).toUpperCase() : style === 'a' ? letters(n) : ''
    labels.push(prefix + body)
  }
  return labels
}

/** A PDF text string: UTF-16BE with its byte-order mark, UTF-8 with its own (PDF 2.0), else PDFDocEncoding (Latin-1 here). */
const textString = (b: Uint8Array): string => {
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2))
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder().decode(b.subarray(3))
  return Buffer.from(b).toString('latin1')
}

/**
 * scanvet's direct reader of a PDF's text layer: the positioned text of every page, read without pdf.js for the
 * documents that need nothing pdf.js alone can do (no encryption, no repair, Flate or no filter, fonts that map
 * to Unicode through ToUnicode or a standard encoding, text on every page). Anything else answers `unsupported`
 * and the caller reads the file with pdf.js; the two agree on every document of the test corpora (a test holds
 * them equal). Never throws.
 */
export const readDirect = (bytes: Uint8Array, maxPages: number, deadline = Number.POSITIVE_INFINITY): DirectResult => {
  try {
    const file = new PdfFile(bytes)
    if (performance.now() > deadline) throw new PastDeadline()
    const root = file.dictOf(file.trailer.get('Root'))
    if (!root) throw new Unsupported('no document catalogue')
    const nodes = collectPages(file, root, maxPages)
    if (nodes.length > maxPages) return {kind: 'too-many-pages', pageCount: nodes.length}
    const labels = pageLabels(file, root, nodes.length)
    const budget = {operators: 0, deadline}
    const pages: DirectPage[] = nodes.map((node, i) => {
      if (performance.now() > deadline) throw new PastDeadline()
      const [x0, y0, x1, y1] = viewOf(file, node)
      const res = node.inherited.Resources
      const t = pageText(file, contentsOf(file, node.dict), isDict(res) ? res : undefined, budget, [x0, y0, x1, y1])
      // A page without text may be a scan: pdf.js finds and decodes its image for OCR, so it reads the file.
      if (!t.items.some((it) => it.str.trim() !== '')) throw new Unsupported(`page ${i + 1} has no text`)
      const label = labels?.[i]
      return {items: t.items.map((it) => ({...it, x: it.x - x0, y: it.y - y0})), width: x1 - x0, height: y1 - y0, ...(label ? {label} : {}), hasImage: t.hasImage}
    })
    if (pages.length === 0) throw new Unsupported('no pages')
    return {kind: 'ok', pageCount: pages.length, pages}
  } catch (e) {
    if (e instanceof PastDeadline) return {kind: 'timeout'}
    if (e instanceof Unsupported) return {kind: 'unsupported', reason: e.message}
    // Any other failure (a malformed file tripping the reader) is also a reason to ask pdf.js.
    return {kind: 'unsupported', reason: `direct reader failed: ${(e as Error).message}`}
  }
}
