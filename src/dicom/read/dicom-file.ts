import {createRequire} from 'node:module'

/**
 * One element in dcmjs's dataset form ("denaturalised"): keys are 8 upper-case hex digits, values are arrays.
 * PN values are objects ({Alphabetic, Ideographic, Phonetic}); SQ values are arrays of datasets; binary values
 * are ArrayBuffers.
 */
export interface DicomElement {
  vr: string
  Value?: unknown[]
  InlineBinary?: string
  _rawValue?: unknown
}

export type DicomDataset = Record<string, DicomElement>

export interface Part10 {
  readonly meta: DicomDataset
  readonly dataset: DicomDataset
}

interface DcmjsDicomDict {
  dict: DicomDataset
  write(options?: Record<string, unknown>): ArrayBuffer
}

interface DcmjsApi {
  data: {
    DicomMessage: {readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): {meta: DicomDataset; dict: DicomDataset}}
    DicomDict: new (meta: DicomDataset) => DcmjsDicomDict
    DicomMetaDictionary: {dictionary: Record<string, {tag: string; vr: string; name: string; vm: string} | undefined>}
  }
  log: {setLevel?(level: string): void; level?: unknown}
}

// dcmjs ships no type declarations; a local interface of the few calls used keeps the rest of the code typed
// without an ambient `declare module` that another part of the project might also declare.
let api: DcmjsApi | undefined
export const dcmjs = (): DcmjsApi => {
  if (!api) {
    api = createRequire(import.meta.url)('dcmjs') as DcmjsApi
    // dcmjs logs warnings (e.g. unknown VRs) to the console; scanvet reports problems itself.
    try {
      api.log.setLevel?.('error')
    } catch {
      // older loglevel builds have no setLevel; nothing to silence then
    }
  }
  return api
}

/** Does the buffer look like a DICOM Part 10 file (128-byte preamble, then "DICM")? */
export const isPart10 = (bytes: Uint8Array): boolean =>
  bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer)

/** Parse a Part 10 file. Throws a plain Error with dcmjs's reason when the file is not readable DICOM. */
export const readPart10 = (bytes: Uint8Array): Part10 => {
  const msg = dcmjs().data.DicomMessage.readFile(toArrayBuffer(bytes), {ignoreErrors: false})
  return {meta: msg.meta, dataset: msg.dict}
}

/** Serialise meta + dataset as Part 10 in the transfer syntax named in the meta. */
export const writePart10 = (file: Part10): Uint8Array => {
  const dict = new (dcmjs().data.DicomDict)(file.meta)
  dict.dict = file.dataset
  return new Uint8Array(dict.write())
}
