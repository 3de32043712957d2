/**
 * What the bytes after the signed revision are: nothing, incremental updates (each a set of objects, an xref
 * and a trailer ending in %%EOF), or bytes that are not a revision. Each update is described by what its
 * objects are, as a reader will apply them: a later definition of an object number replaces the earlier one.
 */
export type Tail =
  | {readonly kind: 'none'}
  | {readonly kind: 'revisions'; readonly revisions: readonly RevisionChange[]}
  | {readonly kind: 'garbage'; readonly bytes: number}

export interface RevisionChange {
  /** 1 is the first revision after the signed one. */
  readonly index: number
  readonly objects: readonly string[]
  /** Plain words: "attachment swapped", "title changed to …", "object 7 0 replaced". */
  readonly changes: readonly string[]
}

const OBJ = /(\d+)\s+(\d+)\s+obj\b/g

const objectsIn = (text: string): Map<string, string> => {
  const out = new Map<string, string>()
  for (const m of text.matchAll(OBJ)) {
    const end = text.indexOf('endobj', m.index)
    const body = text.slice(m.index + m[0].length, end < 0 ? undefined : end)
    out.set(`${m[1]} ${m[2]}`, body.slice(0, body.search(/\bstream\r?\n/) >= 0 ? body.search(/\bstream\r?\n/) : undefined))
  }
  return out
}

const literal = (s: string | undefined): string | undefined => s?.replace(/\\([()\\])/g, '$1')

const describe = (id: string, dict: string, signed: Map<string, string>, infoRef: string | undefined): string => {
  const existed = signed.has(id)
  const verb = existed ? 'replaced' : 'added'
  if (/\/Type\s*\/EmbeddedFile\b/.test(dict)) return `attachment swapped (embedded file stream ${id} ${verb})`
  if (/\/Type\s*\/Filespec\b/.test(dict) || /\/EmbeddedFiles\b/.test(dict) || /\/Names\s*\[/.test(dict)) return `attachment swapped (file list ${id} ${verb})`
  if (/\/Type\s*\/Catalog\b/.test(dict)) return `document catalogue ${verb} (${id})`
  if (id === infoRef || /\/Title\s*\(/.test(dict)) {
    const title = literal(/\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(dict)?.[1])
    if (title !== undefined && literal(/\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(signed.get(id) ?? '')?.[1]) !== title) return `title changed to "${title}"`
    return `document information ${verb} (${id})`
  }
  if (/\/Type\s*\/Page\b/.test(dict)) return `page ${verb} (${id})`
  if (/\/Type\s*\/Sig\b|\/FT\s*\/Sig\b/.test(dict)) return `signature field ${verb} (${id})`
  if (/\/Type\s*\/Annot\b/.test(dict)) return `annotation ${verb} (${id})`
  return `object ${id} ${verb}`
}

export const analyseTail = (pdf: Buffer, signedEnd: number): Tail => {
  if (signedEnd >= pdf.length) return {kind: 'none'}
  const tail = pdf.toString('latin1', signedEnd)
  const signedText = pdf.toString('latin1', 0, signedEnd)
  // An update ends in %%EOF after a startxref; anything after the last one is not part of any revision.
  const parts = tail.split(/(?<=%%EOF[ \t]*\r?\n?)/)
  const revisions: RevisionChange[] = []
  let consumed = 0
  for (const part of parts) {
    const isRevision = /%%EOF/.test(part) && /startxref\s+\d+/.test(part) && (/\bxref\b/.test(part) || /\/Type\s*\/XRef\b/.test(part)) && OBJ.test(part)
    OBJ.lastIndex = 0
    if (!isRevision) break
    consumed += part.length
    const signed = objectsIn(signedText)
    const infoRef = /\/Info\s+(\d+\s+\d+)\s+R/.exec(part)?.[1]?.replace(/\s+/, ' ') ?? /\/Info\s+(\d+\s+\d+)\s+R/.exec(signedText)?.[1]?.replace(/\s+/, ' ')
    const objs = objectsIn(part)
    const changes = [...new Set([...objs].map(([id, dict]) => describe(id, dict, signed, infoRef)))]
    revisions.push({index: revisions.length + 1, objects: [...objs.keys()], changes})
  }
  const rest = tail.slice(consumed)
  if (revisions.length === 0 || rest.trim() !== '') return {kind: 'garbage', bytes: Buffer.byteLength(revisions.length === 0 ? tail : rest, 'latin1')}
  return {kind: 'revisions', revisions}
}
