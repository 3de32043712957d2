import type {DicomDataset, DicomElement} from './dicom-file.js'
import {dictionary} from './dictionary.js'

/** "00100010" → "(0010,0010)" */
export const formatTag = (key: string): string => `(${key.slice(0, 4)},${key.slice(4, 8)})`

export const groupOf = (key: string): number => parseInt(key.slice(0, 4), 16)
export const elementOf = (key: string): number => parseInt(key.slice(4, 8), 16)
export const isPrivateTag = (key: string): boolean => (groupOf(key) & 1) === 1 && groupOf(key) > 8

/** The standard keyword of a tag ("PatientName"), from the data dictionary; private tags have none. */
export const keywordOf = (key: string): string | undefined => {
  if (isPrivateTag(key)) return undefined
  return dictionary().get(key)?.name || undefined
}

/** Text of one value as DICOM would show it: PN objects become their alphabetic group, numbers their digits. */
export const valueText = (v: unknown): string | undefined => {
  if (v === null || v === undefined) return undefined
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'bigint') return String(v)
  if (typeof v === 'object' && !(v instanceof ArrayBuffer) && !ArrayBuffer.isView(v)) {
    const pn = v as {Alphabetic?: string; Ideographic?: string; Phonetic?: string}
    const parts = [pn.Alphabetic, pn.Ideographic, pn.Phonetic].filter((p): p is string => typeof p === 'string' && p !== '')
    return parts.length ? parts.join('=') : undefined
  }
  return undefined
}

export const TEXT_VRS: ReadonlySet<string> = new Set(['AE', 'LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT', 'UR', 'CS'])
export const BINARY_VRS: ReadonlySet<string> = new Set(['OB', 'OW', 'OD', 'OF', 'OL', 'OV', 'UN'])

/** Binary values that hold printable text (private tags read as UN from implicit VR files) as a string. */
export const binaryAsText = (v: unknown): string | undefined => {
  const bytes = v instanceof ArrayBuffer ? new Uint8Array(v) : ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : undefined
  if (!bytes || bytes.length === 0 || bytes.length > 65536) return undefined
  let printable = 0
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 0 || b === 0x0a || b === 0x0d || b === 0x09) printable++
  if (printable / bytes.length < 0.9) return undefined
  return Buffer.from(bytes).toString('latin1').replace(/\0+$/, '')
}

/** Every value of an element as text (empty array when the element is empty or holds no text). */
export const textsOf = (el: DicomElement): string[] => {
  const values = el.Value ?? []
  if (el.vr === 'SQ') return []
  if (BINARY_VRS.has(el.vr)) return values.map(binaryAsText).filter((t): t is string => t !== undefined && t.trim() !== '')
  return values.map(valueText).filter((t): t is string => t !== undefined && t.trim() !== '')
}

/** Is the element absent or zero length (for a sequence: no items)? */
export const isEmptyElement = (el: DicomElement | undefined): boolean => {
  if (!el) return true
  const values = el.Value ?? []
  if (values.length === 0) return el.InlineBinary === undefined
  if (el.vr === 'SQ') return false
  return values.every((v) => {
    if (v === null || v === undefined) return true
    if (typeof v === 'string') return v.trim() === ''
    if (v instanceof ArrayBuffer) return v.byteLength === 0
    if (ArrayBuffer.isView(v)) return v.byteLength === 0
    if (typeof v === 'object') return valueText(v) === undefined
    return false
  })
}

export const firstText = (ds: DicomDataset, key: string): string | undefined => {
  const el = ds[key]
  return el ? textsOf(el)[0]?.trim() : undefined
}
