// Writes data/dicom/dictionary.tsv: the DICOM data dictionary (PS3.6 Table 6-1 and 7-1) as dcmjs ships it,
// one row per public tag: tag, VR, keyword. scanvet reads this table instead of loading dcmjs (a 170 ms
// require) just to look up VRs and keywords; test/unit/dicom-dictionary.test.ts holds it equal to dcmjs's.
// Repeating groups (50xx, 60xx) are written under their first group (5000, 6000), the form the reader asks for.
// Run after upgrading dcmjs: node scripts/write-dicom-dictionary.js
import {writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'

export const dictionaryRows = () => {
  const dcmjs = createRequire(import.meta.url)('dcmjs')
  const rows = new Map()
  for (const [k, e] of Object.entries(dcmjs.data.DicomMetaDictionary.dictionary)) {
    if (!e) continue
    const exact = /^\(([0-9A-Fa-f]{4}),([0-9A-Fa-f]{4})\)$/.exec(k)
    const range = /^\((50|60)00-\1FF,([0-9A-Fa-f]{4})\)$/.exec(k)
    const hex = exact ? `${exact[1]}${exact[2]}`.toUpperCase() : range ? `${range[1]}00${range[2]}`.toUpperCase() : undefined
    if (hex && !rows.has(hex)) rows.set(hex, [hex, e.vr, e.name ?? ''])
  }
  return [...rows.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const version = createRequire(import.meta.url)('dcmjs/package.json').version
  const lines = [
    `# The DICOM data dictionary (public tags): tag, VR, keyword. Generated from dcmjs ${version}'s dictionary`,
    '# (itself from DICOM PS3.6) by scripts/write-dicom-dictionary.js; do not edit by hand.',
    'tag\tvr\tkeyword',
    ...dictionaryRows().map((r) => r.join('\t')),
  ]
  writeFileSync(new URL('../data/dicom/dictionary.tsv', import.meta.url), `${lines.join('\n')}\n`)
  console.log(`data/dicom/dictionary.tsv: ${lines.length - 3} tags`)
}
