import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {DICTIONARY_FILE, parseDictionary} from '../../src/dicom/read/dictionary.js'
import {dictionaryVr} from '../../src/dicom/read/parse-dicom.js'
import {keywordOf} from '../../src/dicom/read/tags.js'
import {packagePath} from '../../src/paths.js'
// @ts-expect-error plain JavaScript build script
import {dictionaryRows} from '../../scripts/write-dicom-dictionary.js'

describe('the bundled DICOM data dictionary', () => {
  it('is dcmjs\'s dictionary, row for row (rerun scripts/write-dicom-dictionary.js after upgrading dcmjs)', () => {
    const bundled = parseDictionary(readFileSync(packagePath(DICTIONARY_FILE), 'utf8'))
    const rows = dictionaryRows() as string[][]
    expect(bundled.size).toBe(rows.length)
    for (const [tag, vr, keyword] of rows) expect(bundled.get(tag!), tag).toMatchObject({vr, keyword})
    expect(bundled.size).toBeGreaterThan(5000)
  })

  it('gives keywords and VRs, retired attributes without the prefix, private tags none', () => {
    expect(keywordOf('00100010')).toBe('PatientName')
    expect(dictionaryVr('00100010')).toBe('PN')
    expect(dictionaryVr('7FE00010')).toBe('ox')
    expect(keywordOf('60000012')).toBe('OverlayPlanes') // retired, and a repeating group
    expect(dictionaryVr('60020010')).toBe('US') // overlay group 6002 read through its 6000 entry
    expect(keywordOf('00291010')).toBeUndefined()
    expect(dictionaryVr('00291010')).toBeUndefined()
  })

  it('refuses a damaged table', () => {
    expect(() => parseDictionary('tag\tvr\tkeyword\n0010001\tPN\tPatientName\n')).toThrow(/malformed row/)
    expect(() => parseDictionary('tag\tkeyword\n')).toThrow(/unexpected header/)
  })
})
