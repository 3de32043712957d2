/**
 * Per-modality templates for the synthetic canary studies: the SOP class and the attributes each IOD requires
 * (checked with dicom3tools' dciodvfy in the interop suite). Every value is a constant written here or a value
 * the generator makes (UIDs, token, clock, slice geometry): nothing comes from a real person or the host.
 */
export const MODALITIES = ['DX', 'CR', 'CT', 'MR', 'MG'] as const
export type Modality = (typeof MODALITIES)[number]

export interface ModalityTemplate {
  readonly sopClassUid: string
  readonly sopClassName: string
  readonly instances: number
  readonly rows: number
  readonly columns: number
  readonly bitsStored: number
  /** Attributes of this IOD's modality-specific modules; `slice` is the 0-based instance index. */
  readonly attributes: (slice: number) => Record<string, unknown>
}

const code = (value: string, scheme: string, meaning: string) => ({CodeValue: value, CodingSchemeDesignator: scheme, CodeMeaning: meaning})

/** The Frame of Reference module (CT, MR); the UID itself is filled in per study by the generator. */
const FRAME_OF_REFERENCE = {FrameOfReferenceUID: undefined, PositionReferenceIndicator: ''}

const CHEST = code('51185008', 'SCT', 'Chest')
const BREAST = code('76752008', 'SCT', 'Breast')

/** Shared by the projection X-ray IODs (DX and MG): DX Image, DX Detector, DX Anatomy Imaged, VOI LUT. */
const dxFamily = (intent: string) => ({
  PresentationIntentType: intent,
  ImageType: ['ORIGINAL', 'PRIMARY'],
  PixelIntensityRelationship: 'LIN',
  PixelIntensityRelationshipSign: 1,
  RescaleIntercept: '0',
  RescaleSlope: '1',
  RescaleType: 'US',
  PresentationLUTShape: 'IDENTITY',
  LossyImageCompression: '00',
  BurnedInAnnotation: 'NO',
  DetectorType: 'DIRECT',
  ImagerPixelSpacing: ['0.5', '0.5'],
  PixelSpacing: ['0.5', '0.5'],
  AcquisitionContextSequence: [],
  WindowCenter: '2048',
  WindowWidth: '4096',
  QualityControlImage: 'NO',
})

export const TEMPLATES: Readonly<Record<Modality, ModalityTemplate>> = {
  DX: {
    sopClassUid: '1.2.840.10008.5.1.4.1.1.1.1',
    sopClassName: 'Digital X-Ray Image Storage - For Presentation',
    instances: 1,
    rows: 64,
    columns: 64,
    bitsStored: 12,
    attributes: () => ({
      ...dxFamily('FOR PRESENTATION'),
      BodyPartExamined: 'CHEST',
      ViewPosition: 'PA',
      ImageLaterality: 'U',
      AnatomicRegionSequence: [CHEST],
      ViewCodeSequence: [{...code('399348003', 'SCT', 'postero-anterior'), ViewModifierCodeSequence: []}],
      PositionerType: 'NONE',
      PatientOrientation: ['L', 'F'],
      KVP: '120',
    }),
  },
  CR: {
    sopClassUid: '1.2.840.10008.5.1.4.1.1.1',
    sopClassName: 'Computed Radiography Image Storage',
    instances: 1,
    rows: 64,
    columns: 64,
    bitsStored: 12,
    attributes: () => ({
      ImageType: ['ORIGINAL', 'PRIMARY'],
      BodyPartExamined: 'CHEST',
      ViewPosition: 'PA',
      PatientOrientation: ['L', 'F'],
      ImagerPixelSpacing: ['0.5', '0.5'],
      KVP: '120',
      BurnedInAnnotation: 'NO',
      LossyImageCompression: '00',
    }),
  },
  CT: {
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    sopClassName: 'CT Image Storage',
    instances: 3,
    rows: 64,
    columns: 64,
    bitsStored: 12,
    attributes: (slice) => ({
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      BodyPartExamined: 'CHEST',
      PatientPosition: 'HFS',
      ...FRAME_OF_REFERENCE,
      RescaleIntercept: '-1024',
      RescaleSlope: '1',
      RescaleType: 'HU',
      KVP: '120',
      AcquisitionNumber: '1',
      PixelSpacing: ['0.8', '0.8'],
      ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
      ImagePositionPatient: ['-25.6', '-25.6', String(-5 * slice)],
      SliceThickness: '5',
      SliceLocation: String(-5 * slice),
      WindowCenter: '40',
      WindowWidth: '400',
      BurnedInAnnotation: 'NO',
    }),
  },
  MR: {
    sopClassUid: '1.2.840.10008.5.1.4.1.1.4',
    sopClassName: 'MR Image Storage',
    instances: 2,
    rows: 64,
    columns: 64,
    bitsStored: 12,
    attributes: (slice) => ({
      ImageType: ['ORIGINAL', 'PRIMARY', 'OTHER'],
      BodyPartExamined: 'HEAD',
      PatientPosition: 'HFS',
      ...FRAME_OF_REFERENCE,
      ScanningSequence: ['SE'],
      SequenceVariant: ['NONE'],
      ScanOptions: [],
      MRAcquisitionType: '2D',
      RepetitionTime: '500',
      EchoTime: '15',
      EchoTrainLength: '1',
      MagneticFieldStrength: '1.5',
      AcquisitionNumber: '1',
      PixelSpacing: ['0.8', '0.8'],
      ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
      ImagePositionPatient: ['-25.6', '-25.6', String(5 * slice)],
      SliceThickness: '5',
      SliceLocation: String(5 * slice),
      BurnedInAnnotation: 'NO',
    }),
  },
  MG: {
    sopClassUid: '1.2.840.10008.5.1.4.1.1.1.2',
    sopClassName: 'Digital Mammography X-Ray Image Storage - For Presentation',
    instances: 1,
    rows: 64,
    columns: 48,
    bitsStored: 12,
    attributes: () => ({
      ...dxFamily('FOR PRESENTATION'),
      BodyPartExamined: 'BREAST',
      ImageLaterality: 'L',
      AnatomicRegionSequence: [BREAST],
      ViewCodeSequence: [{...code('399162004', 'SCT', 'cranio-caudal'), ViewModifierCodeSequence: []}],
      PatientOrientation: ['P', 'L'],
      PositionerType: 'MAMMOGRAPHIC',
      OrganExposed: 'BREAST',
      BreastImplantPresent: 'NO',
      PartialView: 'NO',
      KVP: '28',
    }),
  },
}
