import {createHash} from 'node:crypto'

import {cryptoRandom, canaryToken, uid225, type RandomSource} from './uid.js'
import {TEMPLATES, type Modality} from './modalities.js'
import {phantomPixels} from './pixels.js'
import {writePart10} from './write-part10.js'

export const CANARY_PATIENT_NAME = 'SCANVET^CANARY'
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1'

export interface SynthOptions {
  readonly modality: Modality
  readonly now?: () => Date
  readonly random?: RandomSource
}

export interface SyntheticInstance {
  readonly sopInstanceUid: string
  readonly instanceNumber: number
  /** The naturalized dataset (dcmjs keywords) that was written, for tests and read-back comparison. */
  readonly dataset: Readonly<Record<string, unknown>>
  readonly bytes: Uint8Array
  readonly sha256: string
}

/** What identifies a canary study; recorded in the workspace and the assessment (no pixel data). */
export interface CanaryRecord {
  readonly modality: Modality
  readonly sopClassUid: string
  readonly studyInstanceUid: string
  readonly seriesInstanceUid: string
  readonly sopInstanceUids: readonly string[]
  readonly token: string
  readonly patientName: string
  readonly patientId: string
  readonly createdAt: string
  readonly files: readonly {readonly sopInstanceUid: string; readonly bytes: number; readonly sha256: string}[]
}

export interface SyntheticStudy {
  readonly canary: CanaryRecord
  readonly instances: readonly SyntheticInstance[]
}

/** The fixed values every canary carries (the modality templates add their own). */
export const COMMON_ATTRIBUTES = {
  AccessionNumber: '',
  Manufacturer: 'scanvet synthetic canary',
  ReferringPhysicianName: '',
  SeriesDescription: 'scanvet retention probe - not a patient',
  PatientBirthDate: '',
  PatientSex: 'O',
  PatientIdentityRemoved: 'YES',
  DeidentificationMethod: 'Synthetic: no real person',
  StudyID: 'SCANVET',
  SeriesNumber: '1',
  SamplesPerPixel: 1,
  PhotometricInterpretation: 'MONOCHROME2',
  BitsAllocated: 16,
  PixelRepresentation: 0,
} as const

/** Descriptive attributes that carry the canary token ({token} is replaced). */
export const TOKEN_TEMPLATES = {
  StudyDescription: 'Synthetic canary {token}',
  ImageComments: 'scanvet retention canary {token}; synthetic image, no patient data',
} as const

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const dicomDate = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`
const dicomTime = (d: Date) => `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`

/**
 * A synthetic study for one modality: fresh 2.25 UIDs, the canary token in StudyDescription and
 * ImageComments, PatientName SCANVET^CANARY, generated pixels. Times are UTC from the injected clock.
 */
export const synthesizeStudy = (opts: SynthOptions): SyntheticStudy => {
  const random = opts.random ?? cryptoRandom
  const now = (opts.now ?? (() => new Date()))()
  const t = TEMPLATES[opts.modality]
  const token = canaryToken(random)
  const studyInstanceUid = uid225(random)
  const seriesInstanceUid = uid225(random)
  const frameOfReferenceUid = uid225(random)
  const date = dicomDate(now)
  const time = dicomTime(now)
  const patientId = token
  const instances: SyntheticInstance[] = []
  for (let i = 0; i < t.instances; i++) {
    const sopInstanceUid = uid225(random)
    const dataset: Record<string, unknown> = {
      SOPClassUID: t.sopClassUid,
      SOPInstanceUID: sopInstanceUid,
      StudyDate: date,
      SeriesDate: date,
      ContentDate: date,
      StudyTime: time,
      SeriesTime: time,
      ContentTime: time,
      ...COMMON_ATTRIBUTES,
      Modality: opts.modality,
      StudyDescription: TOKEN_TEMPLATES.StudyDescription.replace('{token}', token),
      ImageComments: TOKEN_TEMPLATES.ImageComments.replace('{token}', token),
      PatientName: [{Alphabetic: CANARY_PATIENT_NAME}],
      PatientID: patientId,
      StudyInstanceUID: studyInstanceUid,
      SeriesInstanceUID: seriesInstanceUid,
      InstanceNumber: String(i + 1),
      Rows: t.rows,
      Columns: t.columns,
      BitsStored: t.bitsStored,
      HighBit: t.bitsStored - 1,
      ...t.attributes(i),
    }
    if ('FrameOfReferenceUID' in dataset) dataset.FrameOfReferenceUID = frameOfReferenceUid
    const pixels = phantomPixels(t.rows, t.columns, i, t.bitsStored)
    dataset.PixelData = [pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.byteLength)]
    dataset._vrMap = {PixelData: 'OW'}
    const bytes = writePart10(dataset, {sopClassUid: t.sopClassUid, sopInstanceUid, transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN})
    instances.push({sopInstanceUid, instanceNumber: i + 1, dataset, bytes, sha256: createHash('sha256').update(bytes).digest('hex')})
  }
  return {
    canary: {
      modality: opts.modality,
      sopClassUid: t.sopClassUid,
      studyInstanceUid,
      seriesInstanceUid,
      sopInstanceUids: instances.map((x) => x.sopInstanceUid),
      token,
      patientName: CANARY_PATIENT_NAME,
      patientId,
      createdAt: now.toISOString(),
      files: instances.map((x) => ({sopInstanceUid: x.sopInstanceUid, bytes: x.bytes.byteLength, sha256: x.sha256})),
    },
    instances,
  }
}
