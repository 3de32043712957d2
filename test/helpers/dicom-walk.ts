import dicomParser from 'dicom-parser'

const NUMERIC: Readonly<Record<string, (d: dicomParser.DataSet, tag: string, i: number) => number | undefined>> = {
  US: (d, t, i) => d.uint16(t, i),
  UL: (d, t, i) => d.uint32(t, i),
  SS: (d, t, i) => d.int16(t, i),
  SL: (d, t, i) => d.int32(t, i),
}

export type Leaf = string | number[] | Uint8Array | Leaf[][] | {items: Record<string, Leaf>[]}

/** Every element of a file as dicom-parser reads it (an independent reader): tag → value, sequences nested. */
export const readElements = (ds: dicomParser.DataSet): Record<string, Leaf> => {
  const out: Record<string, Leaf> = {}
  for (const [key, el] of Object.entries(ds.elements)) {
    const tag = key.slice(1).toUpperCase()
    // File meta is compared separately; FFFE items are the delimiters of undefined-length sequences.
    if (tag.startsWith('0002') || tag.startsWith('FFFE')) continue
    const vr = el.vr ?? ''
    if (vr === 'SQ') out[tag] = {items: (el.items ?? []).map((it) => readElements(it.dataSet!))}
    else if (vr === 'OB' || vr === 'OW') out[tag] = new Uint8Array(ds.byteArray.buffer, ds.byteArray.byteOffset + el.dataOffset, el.length).slice()
    else if (NUMERIC[vr]) out[tag] = Array.from({length: el.length / (vr === 'US' || vr === 'SS' ? 2 : 4)}, (_, i) => NUMERIC[vr]!(ds, key, i)!)
    else out[tag] = el.length === 0 ? '' : (ds.string(key) ?? '')
  }
  return out
}

/** The same view of what dcmjs was asked to write (a denaturalized dict). */
export const expectedElements = (dict: Record<string, {vr: string; Value?: unknown[]}>): Record<string, Leaf> => {
  const out: Record<string, Leaf> = {}
  for (const [tag, el] of Object.entries(dict)) {
    const v = el.Value ?? []
    if (el.vr === 'SQ') out[tag.toUpperCase()] = {items: (v as Record<string, {vr: string; Value?: unknown[]}>[]).map((it) => expectedElements(it))}
    else if (el.vr === 'OB' || el.vr === 'OW') out[tag.toUpperCase()] = new Uint8Array(v[0] as ArrayBuffer)
    else if (NUMERIC[el.vr]) out[tag.toUpperCase()] = v.map(Number)
    else out[tag.toUpperCase()] = v.map((x) => (x !== null && typeof x === 'object' ? String((x as {Alphabetic?: string}).Alphabetic ?? '') : String(x))).join('\\')
  }
  return out
}

/** Every string or number in a read-back tree (sequence items included), for the provenance test. */
export const leafValues = (els: Record<string, Leaf>): {tag: string; value: string}[] =>
  Object.entries(els).flatMap(([tag, v]) => {
    if (v instanceof Uint8Array) return []
    if (typeof v === 'string') return v === '' ? [] : v.split('\\').map((value) => ({tag, value}))
    if (Array.isArray(v)) return (v as number[]).map((n) => ({tag, value: String(n)}))
    return (v as {items: Record<string, Leaf>[]}).items.flatMap((it) => leafValues(it))
  })
