import {readFileSync} from 'node:fs'

import {packagePath} from '../../paths.js'

export interface UidRoot {
  readonly root: string
  readonly organisation: string
  /** `device`: UIDs under it came from the site's equipment; `toolkit`: fresh UIDs are minted under it. */
  readonly kind: 'device' | 'toolkit'
}

export const UID_ROOTS_FILE = 'data/dicom/uid-roots.tsv'

/** Parse the bundled table (pure); a malformed row is a packaging defect and throws. */
export const parseUidRoots = (text: string): UidRoot[] => {
  const rows = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'))
  const [header, ...body] = rows
  if (header?.split('\t').join(',') !== 'root,organisation,kind') throw new Error(`${UID_ROOTS_FILE}: unexpected header`)
  return body.map((line, n) => {
    const [root, organisation, kind] = line.split('\t')
    if (!root || !/^\d+(?:\.\d+)*$/.test(root) || !organisation || (kind !== 'device' && kind !== 'toolkit')) throw new Error(`${UID_ROOTS_FILE}: row ${n + 1} is malformed`)
    return {root, organisation, kind}
  })
}

let cached: UidRoot[] | undefined
export const uidRoots = (): readonly UidRoot[] => (cached ??= parseUidRoots(readFileSync(packagePath(UID_ROOTS_FILE), 'utf8')))

/** The device maker whose root a UID sits under (the longest matching root wins), if any. */
export const deviceRootOf = (uid: string): UidRoot | undefined => {
  const u = uid.trim()
  let best: UidRoot | undefined
  for (const r of uidRoots()) if ((u === r.root || u.startsWith(`${r.root}.`)) && (!best || r.root.length > best.root.length)) best = r
  return best?.kind === 'device' ? best : undefined
}
