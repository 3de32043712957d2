import {readFileSync} from 'node:fs'

import dicomParser from 'dicom-parser'

/**
 * An independent reader (dicom-parser, not the dcmjs scanvet uses) so tests do not grade scanvet's writer with
 * its own reader: the string value of a tag path such as "x00082112[0].x00081155".
 */
export const readWithDicomParser = (file: string) => {
  const bytes = new Uint8Array(readFileSync(file))
  const ds = dicomParser.parseDicom(bytes)
  const at = (pathSpec: string): string | undefined => {
    let cur: dicomParser.DataSet | undefined = ds
    const parts = pathSpec.split('.')
    for (let i = 0; i < parts.length; i++) {
      const m = /^(x[0-9a-f]{8})(?:\[(\d+)\])?$/.exec(parts[i]!)
      if (!m || !cur) return undefined
      if (m[2] !== undefined) {
        cur = cur.elements[m[1]!]?.items?.[Number(m[2])]?.dataSet
      } else {
        return cur.string(m[1]!)
      }
    }
    return undefined
  }
  return {dataSet: ds, at, has: (tag: string) => ds.elements[tag] !== undefined}
}
