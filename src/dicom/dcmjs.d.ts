// dcmjs ships no type declarations (and there is no @types/dcmjs): only what scanvet uses, declared here.
declare module 'dcmjs' {
  interface DicomDictInstance {
    dict: Record<string, unknown>
    write(options?: {allowInvalidVRLength?: boolean}): ArrayBuffer
  }
  const dcmjs: {
    data: {
      DicomDict: new (meta: Record<string, unknown>) => DicomDictInstance
      DicomMetaDictionary: {
        denaturalizeDataset(dataset: Record<string, unknown>): Record<string, unknown>
        naturalizeDataset(dataset: Record<string, unknown>): Record<string, unknown>
      }
      DicomMessage: {readFile(buffer: ArrayBuffer): {meta: Record<string, unknown>; dict: Record<string, unknown>}}
    }
    log: {setLevel(level: string): void}
  }
  export default dcmjs
}
