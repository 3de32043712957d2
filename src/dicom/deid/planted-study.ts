import {createHash} from 'node:crypto'

import type {DicomDataset, DicomElement} from '../read/dicom-file.js'
import {writePart10} from '../read/dicom-file.js'

/**
 * Synthetic DX studies with identifiers planted in each place they hide, for tests and benchmarks of
 * `scanvet dicom check` and `dicom deid`. Every value is invented; nothing derives from a real person.
 */
export const HIDING_PLACES = [
  'top-level',
  'nested',
  'private',
  'descriptions',
  'free-text',
  'dates',
  'age-over-89',
  'other-patient-ids',
  'patient-photo',
  'burned-in',
] as const
export type HidingPlace = (typeof HIDING_PLACES)[number]

export interface PlantedValue {
  readonly place: HidingPlace
  readonly path: string
  readonly value: string
}

export interface PlantedFileSpec {
  /** Which hiding places carry identifiers; none gives a plain identified study (patient fields only). */
  readonly places?: readonly HidingPlace[]
  /** Distinguishes files of one study (instance number, SOP Instance UID). */
  readonly instance?: number
  /** A study key: the same key gives the same study and series UIDs. */
  readonly study?: string
  /** SOP Instance UID (before de-identification) of an image this one was derived from. */
  readonly sourceInstanceUid?: string
  readonly transferSyntax?: 'explicit' | 'implicit'
  readonly modality?: 'DX' | 'US'
}

export interface PlantedFile {
  readonly bytes: Uint8Array
  readonly sopInstanceUid: string
  readonly studyInstanceUid: string
  readonly planted: readonly PlantedValue[]
}

const DX_CLASS = '1.2.840.10008.5.1.4.1.1.1.1'
const EXPLICIT_LE = '1.2.840.10008.1.2.1'
const IMPLICIT_LE = '1.2.840.10008.1.2'

/** A 2.25 UID from a label: synthetic, stable between runs, unlike any real device's. */
export const syntheticUid = (label: string): string => {
  const b = createHash('sha256').update(`scanvet-synthetic:${label}`).digest().subarray(0, 16)
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  return `2.25.${BigInt(`0x${b.toString('hex')}`).toString(10)}`
}

const e = (vr: string, ...Value: unknown[]): DicomElement => ({vr, Value})
const pn = (name: string): DicomElement => ({vr: 'PN', Value: [{Alphabetic: name}]})
const code = (value: string, scheme: string, meaning: string): DicomDataset => ({'00080100': e('SH', value), '00080102': e('SH', scheme), '00080104': e('LO', meaning)})

const pixels = (rows: number, cols: number): ArrayBuffer => {
  const p = new Uint8Array(rows * cols)
  for (let i = 0; i < p.length; i++) p[i] = (i * 4) & 0xff
  return p.buffer
}

/** The synthetic patient every planted file belongs to (invented). */
export const PLANTED_PATIENT = {name: 'Doe^John^Quincy', id: 'MRN8837261', accession: 'ACC99117', birthDate: '19300214'} as const

/**
 * A DX For Presentation image (64×64, 8 bit) with every Type 1 and 2 attribute dciodvfy asks for, plus the
 * identifiers of the chosen hiding places. Returns the planted values with their tag paths.
 */
export const makePlantedFile = (spec: PlantedFileSpec = {}): PlantedFile => {
  const places = new Set(spec.places ?? [])
  const instance = spec.instance ?? 1
  const studyKey = spec.study ?? 'study-1'
  const studyUid = syntheticUid(`${studyKey}:study`)
  const seriesUid = syntheticUid(`${studyKey}:series`)
  const sopUid = syntheticUid(`${studyKey}:instance:${instance}`)
  const modality = spec.modality ?? 'DX'
  const planted: PlantedValue[] = []
  const plant = (place: HidingPlace, path: string, value: string) => planted.push({place, path, value})
  const rows = 64
  const cols = 64
  const us = modality === 'US'
  const sopClass = us ? '1.2.840.10008.5.1.4.1.1.6.1' : DX_CLASS

  const ds: DicomDataset = {
    '00080005': e('CS', 'ISO_IR 192'),
    '00080008': e('CS', 'ORIGINAL', 'PRIMARY'),
    '00080016': e('UI', sopClass),
    '00080018': e('UI', sopUid),
    '00080020': e('DA', '20250312'),
    '00080030': e('TM', '101500'),
    '00080050': e('SH', PLANTED_PATIENT.accession),
    '00080060': e('CS', modality),
    '00080068': e('CS', 'FOR PRESENTATION'),
    '00080070': e('LO', 'Synthetic Imaging Co'),
    '00080090': pn('Smith^Alice'),
    '00100010': pn(PLANTED_PATIENT.name),
    '00100020': e('LO', PLANTED_PATIENT.id),
    '00100030': e('DA', PLANTED_PATIENT.birthDate),
    '00100040': e('CS', 'M'),
    '0020000D': e('UI', studyUid),
    '0020000E': e('UI', seriesUid),
    '00200010': e('SH', 'S4471'),
    '00200011': e('IS', '1'),
    '00200013': e('IS', String(instance)),
    '00200020': e('CS', 'L', 'F'),
    '00280002': e('US', 1),
    '00280004': e('CS', 'MONOCHROME2'),
    '00280010': e('US', rows),
    '00280011': e('US', cols),
    '00280100': e('US', 8),
    '00280101': e('US', 8),
    '00280102': e('US', 7),
    '00280103': e('US', 0),
    '00282110': e('CS', '00'),
    '7FE00010': {vr: 'OB', Value: [pixels(rows, cols)]},
  }
  plant('top-level', '(0010,0010)', PLANTED_PATIENT.name)
  plant('top-level', '(0010,0020)', PLANTED_PATIENT.id)
  plant('top-level', '(0008,0050)', PLANTED_PATIENT.accession)
  plant('top-level', '(0008,0090)', 'Smith^Alice')
  plant('top-level', '(0020,0010)', 'S4471')
  plant('dates', '(0010,0030)', PLANTED_PATIENT.birthDate)
  plant('dates', '(0008,0020)', '20250312')
  if (us) {
    Object.assign(ds, {
      '00280301': e('CS', ...(places.has('burned-in') ? ['YES'] : [])),
    })
    if (!places.has('burned-in')) delete ds['00280301']
  } else {
    Object.assign(ds, {
      '00082218': e('SQ', code('51185008', 'SCT', 'Chest')),
      '00180015': e('CS', 'CHEST'),
      '00181164': e('DS', '0.1', '0.1'),
      '00187004': e('CS', 'SCINTILLATOR'),
      '00200062': e('CS', 'U'),
      '00281040': e('CS', 'LIN'),
      '00281041': e('SS', 1),
      '00281050': e('DS', '128'),
      '00281051': e('DS', '256'),
      '00281052': e('DS', '0'),
      '00281053': e('DS', '1'),
      '00281054': e('LO', 'US'),
      '00280301': e('CS', places.has('burned-in') ? 'YES' : 'NO'),
      '20500020': e('CS', 'IDENTITY'),
      '00400555': e('SQ'),
    })
  }
  if (places.has('burned-in')) plant('burned-in', '(0028,0301)', 'YES')
  if (spec.sourceInstanceUid) {
    ds['00082112'] = e('SQ', {'00081150': e('UI', DX_CLASS), '00081155': e('UI', spec.sourceInstanceUid)})
  }
  if (places.has('top-level')) {
    ds['00080080'] = e('LO', 'St Example General Hospital')
    ds['00081010'] = e('SH', 'XR-ROOM-7')
    ds['00181000'] = e('LO', 'SN-4471-AX')
    ds['00101040'] = e('LO', '12 Main Street, Springfield')
    plant('top-level', '(0008,0080)', 'St Example General Hospital')
    plant('top-level', '(0008,1010)', 'XR-ROOM-7')
    plant('top-level', '(0018,1000)', 'SN-4471-AX')
    plant('top-level', '(0010,1040)', '12 Main Street, Springfield')
  }
  if (places.has('nested')) {
    // Two levels deep: ReferencedStudySequence > RequestAttributesSequence > PatientName / AccessionNumber.
    ds['00081110'] = e('SQ', {
      '00081150': e('UI', '1.2.840.10008.3.1.2.3.1'),
      '00081155': e('UI', syntheticUid(`${studyKey}:referenced-study`)),
      '00400275': e('SQ', {'00100010': pn('Doe^Johnny'), '00080050': e('SH', 'ACC55120'), '00401001': e('SH', 'RP-99812')}),
    })
    plant('nested', '(0008,1110)[0].(0040,0275)[0].(0010,0010)', 'Doe^Johnny')
    plant('nested', '(0008,1110)[0].(0040,0275)[0].(0008,0050)', 'ACC55120')
    plant('nested', '(0008,1110)[0].(0040,0275)[0].(0040,1001)', 'RP-99812')
  }
  if (places.has('private')) {
    ds['00090010'] = e('LO', 'ACME PHI 1.0')
    ds['00091001'] = e('LO', 'Private PHI: 12 Main St, 555-867-5309')
    ds['00091002'] = e('SH', PLANTED_PATIENT.id)
    plant('private', '(0009,1001)', 'Private PHI: 12 Main St, 555-867-5309')
    plant('private', '(0009,1002)', PLANTED_PATIENT.id)
  }
  if (places.has('descriptions')) {
    ds['00081030'] = e('LO', 'Chest XR for John Doe')
    ds['0008103E'] = e('LO', 'PA view, pt MRN8837261')
    ds['00204000'] = e('LT', 'Call jane.roe@example.org or https://portal.example.org/p/8837261')
    ds['00181030'] = e('LO', 'Doe chest protocol')
    plant('descriptions', '(0008,1030)', 'Chest XR for John Doe')
    plant('descriptions', '(0008,103E)', 'PA view, pt MRN8837261')
    plant('descriptions', '(0020,4000)', 'Call jane.roe@example.org or https://portal.example.org/p/8837261')
    plant('descriptions', '(0018,1030)', 'Doe chest protocol')
  }
  if (places.has('free-text') && !us) {
    // A kept attribute (code meaning) two levels from nothing the profile removes: only a text scan finds it.
    ds['00082218'] = e('SQ', code('51185008', 'SCT', 'Chest of Quincy, call 555-867-5309'))
    plant('free-text', '(0008,2218)[0].(0008,0104)', 'Chest of Quincy, call 555-867-5309')
  }
  if (places.has('dates')) {
    ds['00080021'] = e('DA', '20250312')
    ds['00080022'] = e('DA', '20250312')
    ds['00080031'] = e('TM', '101700')
    ds['0008002A'] = e('DT', '20250312101700')
    ds['00080023'] = e('DA', '20250312')
    ds['00080033'] = e('TM', '101800')
    plant('dates', '(0008,0021)', '20250312')
    plant('dates', '(0008,0022)', '20250312')
    plant('dates', '(0008,002A)', '20250312101700')
  }
  if (places.has('age-over-89')) {
    ds['00101010'] = e('AS', '094Y')
    plant('age-over-89', '(0010,1010)', '094Y')
  }
  if (places.has('other-patient-ids')) {
    ds['00101000'] = e('LO', 'OLD-4471')
    ds['00101001'] = pn('Doe^Jack')
    ds['00101002'] = e('SQ', {'00100020': e('LO', 'OLDMRN-7781'), '00100021': e('LO', 'Old Hospital'), '00100022': e('CS', 'TEXT')})
    plant('other-patient-ids', '(0010,1000)', 'OLD-4471')
    plant('other-patient-ids', '(0010,1001)', 'Doe^Jack')
    plant('other-patient-ids', '(0010,1002)[0].(0010,0020)', 'OLDMRN-7781')
  }
  if (places.has('patient-photo')) {
    ds['00101100'] = e('SQ', {
      '00081150': e('UI', '1.2.840.10008.5.1.4.1.1.77.1.4'),
      '00081155': e('UI', syntheticUid(`${studyKey}:photo`)),
      '00100010': pn('Doe^John'),
    })
    plant('patient-photo', '(0010,1100)', 'photo reference')
  }

  const meta: DicomDataset = {
    '00020001': {vr: 'OB', Value: [new Uint8Array([0, 1]).buffer]},
    '00020002': e('UI', sopClass),
    '00020003': e('UI', sopUid),
    '00020010': e('UI', spec.transferSyntax === 'implicit' ? IMPLICIT_LE : EXPLICIT_LE),
    '00020012': e('UI', '2.25.178131447012415311045622738101361522457'),
    '00020013': e('SH', 'SCANVET_TEST'),
  }
  return {bytes: writePart10({meta, dataset: ds}), sopInstanceUid: sopUid, studyInstanceUid: studyUid, planted}
}

/**
 * A correctly de-identified DX image, built directly (not by scanvet's own de-identifier, so a test of the
 * checker on it is not circular): empty patient fields, UIDs under 2.25, no dates, the markers set.
 */
export const makeControlFile = (label = 'control'): Uint8Array => {
  const sopUid = syntheticUid(`${label}:control-instance`)
  const ds: DicomDataset = {
    '00080005': e('CS', 'ISO_IR 192'),
    '00080008': e('CS', 'ORIGINAL', 'PRIMARY'),
    '00080016': e('UI', DX_CLASS),
    '00080018': e('UI', sopUid),
    '00080020': e('DA'),
    '00080023': e('DA', '19000101'),
    '00080030': e('TM'),
    '00080033': e('TM', '000000'),
    '00080050': e('SH'),
    '00080060': e('CS', 'DX'),
    '00080068': e('CS', 'FOR PRESENTATION'),
    '00080070': e('LO', 'Synthetic Imaging Co'),
    '00080090': e('PN'),
    '00082218': e('SQ', code('51185008', 'SCT', 'Chest')),
    '00100010': e('PN'),
    '00100020': e('LO', 'ANONYMIZED'),
    '00100030': e('DA'),
    '00100040': e('CS'),
    '00120062': e('CS', 'YES'),
    '00120063': e('LO', 'DICOM PS3.15 E.1 Basic Profile'),
    '00120064': e('SQ', {'00080100': e('SH', '113100'), '00080102': e('SH', 'DCM'), '00080104': e('LO', 'Basic Application Confidentiality Profile')}),
    '00180015': e('CS', 'CHEST'),
    '00181164': e('DS', '0.1', '0.1'),
    '00187004': e('CS', 'SCINTILLATOR'),
    '0020000D': e('UI', syntheticUid(`${label}:control-study`)),
    '0020000E': e('UI', syntheticUid(`${label}:control-series`)),
    '00200010': e('SH'),
    '00200011': e('IS', '1'),
    '00200013': e('IS', '1'),
    '00200020': e('CS', 'L', 'F'),
    '00200062': e('CS', 'U'),
    '00280002': e('US', 1),
    '00280004': e('CS', 'MONOCHROME2'),
    '00280010': e('US', 64),
    '00280011': e('US', 64),
    '00280100': e('US', 8),
    '00280101': e('US', 8),
    '00280102': e('US', 7),
    '00280103': e('US', 0),
    '00280301': e('CS', 'NO'),
    '00280303': e('CS', 'REMOVED'),
    '00281040': e('CS', 'LIN'),
    '00281041': e('SS', 1),
    '00281050': e('DS', '128'),
    '00281051': e('DS', '256'),
    '00281052': e('DS', '0'),
    '00281053': e('DS', '1'),
    '00281054': e('LO', 'US'),
    '00282110': e('CS', '00'),
    '00400555': e('SQ'),
    '20500020': e('CS', 'IDENTITY'),
    '7FE00010': {vr: 'OB', Value: [pixels(64, 64)]},
  }
  const meta: DicomDataset = {
    '00020001': {vr: 'OB', Value: [new Uint8Array([0, 1]).buffer]},
    '00020002': e('UI', DX_CLASS),
    '00020003': e('UI', sopUid),
    '00020010': e('UI', EXPLICIT_LE),
    '00020012': e('UI', '2.25.178131447012415311045622738101361522457'),
    '00020013': e('SH', 'SCANVET_TEST'),
  }
  return writePart10({meta, dataset: ds})
}
