import dcmjs from 'dcmjs'

import {IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME} from './uid.js'

// dcmjs logs warnings through loglevel on stdout; scanvet's output is its own.
dcmjs.log.setLevel('error')

const {DicomDict, DicomMetaDictionary} = dcmjs.data

/** Serialise a naturalized dataset as a DICOM Part 10 file (preamble, DICM, file meta group, data set). */
export const writePart10 = (
  dataset: Record<string, unknown>,
  meta: {readonly sopClassUid: string; readonly sopInstanceUid: string; readonly transferSyntaxUid: string},
): Uint8Array => {
  const fileMeta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: meta.sopClassUid,
    MediaStorageSOPInstanceUID: meta.sopInstanceUid,
    TransferSyntaxUID: meta.transferSyntaxUid,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  }
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(fileMeta))
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset)
  return new Uint8Array(dict.write())
}
