import type {Assessment} from '../../assessment/assessment-types.js'
import {createHash} from 'node:crypto'

import type {EvidenceBytes, ReportImage, ReportSection} from '../../report/report-section.js'
import type {DeidThumbnail} from './deid-probe.js'

const get = (o: unknown, p: string): unknown =>
  p.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)
const n = (v: unknown): string => (typeof v === 'number' ? String(v) : '—')
const list = (v: unknown): string => (Array.isArray(v) && v.length ? v.join(', ') : 'none')

/** De-identification: what the sample studies and returned results still carry, and how the answers compare. */
export const deidReportSection = (a: Assessment, evidence?: EvidenceBytes): ReportSection | undefined => {
  const obs = a.observations.filter((o) => o.probe === 'deid')
  if (obs.length === 0) return undefined
  const o = obs[0]!
  if (o.status !== 'ok') {
    return {id: 'deid', title: 'De-identification of images', intro: o.reason, tables: []}
  }
  const f = o.facts
  const row = (label: string, key: string): string[] | undefined =>
    get(f, key) === undefined
      ? undefined
      : [label, n(get(f, `${key}.checked`)), n(get(f, `${key}.identifyingFiles`)), n(get(f, `${key}.identifying`)), n(get(f, `${key}.quarantined`)), n(get(f, `${key}.methodProblems`)), list(get(f, `${key}.claimedOptions`))]
  const rows = [row('Studies you send', 'sent'), row('Results returned', 'returned')].filter((r): r is string[] => r !== undefined)
  const examples = [...((get(f, 'sent.examples') as string[] | undefined) ?? []), ...((get(f, 'returned.examples') as string[] | undefined) ?? [])]
  const contradictions = (get(f, 'consistency.contradictions') as string[] | undefined) ?? []
  // Thumbnails: named with their hash in the assessment, the bytes read from the round's evidence/ folder. A
  // file that is missing or altered is said so in a note, never drawn.
  const thumbnails = (get(f, 'burnedIn.thumbnails') as DeidThumbnail[] | undefined) ?? []
  const images: ReportImage[] = []
  const missing: string[] = []
  for (const t of thumbnails) {
    const png = evidence?.[`evidence/${t.file}`]
    if (png && createHash('sha256').update(png).digest('hex') === t.sha256) images.push({png, caption: t.caption})
    else missing.push(t.file)
  }
  const px = get(f, 'burnedIn.pixels') as {checked?: number; notDecoded?: number; bounded?: number; withText?: number; bound?: {maxFiles?: number; maxFrames?: number; maxMs?: number}} | undefined
  const pixelNote = px
    ? `Pixels read with OCR (as dicom check --pixels: ultrasound, secondary capture, other, DX, CR, XA, endoscopy and any image not marked Burned In Annotation NO): ${n(px.checked)} file(s) read, ${n(px.withText)} with identifying text${px.notDecoded ? `, ${px.notDecoded} whose pixels could not be decoded (not checked, to be reviewed)` : ''}${px.bounded ? `, ${px.bounded} not read because the round's bound was reached (at most ${n(px.bound?.maxFiles)} files, ${n(px.bound?.maxFrames)} frames each, ${Math.round((px.bound?.maxMs ?? 0) / 1000)} s; to be reviewed)` : ''}. Boxes in the pictures below are blacked out: the text is never reproduced here.`
    : 'Burned-in text in pixels cannot be read from headers: images marked or typed as carrying it are listed for a person to review.'
  return {
    id: 'deid',
    title: 'De-identification of images',
    intro: `Sample files checked against DICOM PS3.15 Annex E (Basic Profile${list(get(f, 'options')) === 'none' ? '' : ` with ${list(get(f, 'options'))}`}) and HIPAA Safe Harbor. Values are never shown here, only where they were found.`,
    tables: [
      {
        columns: [
          {header: 'Samples', width: 0.18},
          {header: 'Files', width: 0.08},
          {header: 'With identifiers', width: 0.14},
          {header: 'Items found', width: 0.12},
          {header: 'Quarantine (pixels)', width: 0.14},
          {header: 'Method not recorded truthfully', width: 0.16},
          {header: 'Options claimed', width: 0.18},
        ],
        rows,
      },
      ...(examples.length
        ? [{columns: [{header: 'Where identifiers remain (file, tag path, attribute)', width: 1}], rows: examples.map((e) => [e])}]
        : []),
      ...(contradictions.length ? [{columns: [{header: 'Answers that the samples contradict', width: 1}], rows: contradictions.map((c) => [c])}] : []),
    ],
    notes: [
      pixelNote,
      ...((get(f, 'burnedIn.examples') as string[] | undefined) ?? []).length ? [`Images to review: ${((get(f, 'burnedIn.examples') as string[]) ?? []).join('; ')}.`] : [],
      ...(missing.length ? [`Thumbnail(s) ${missing.join(', ')} named in the record could not be shown: the file is not in this round's evidence/ folder or its SHA-256 differs.`] : []),
      get(f, 'originalsKnown') ? 'UIDs and identifiers were compared with the original studies.' : 'No original studies were given, so UID remapping could not be proven.',
    ],
    ...(images.length ? {images} : {}),
  }
}
