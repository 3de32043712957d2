// The real-world corpus: every file of Debian's python3-pydicom test and character-set folders and dicom3tools'
// examples. dcmtk's dcmdump is the referee: every file it reads must be checked by scanvet (never refused), every
// identifying value dcmdump prints must be a finding, and no file dcmdump shows an identifying value in may be
// reported clean. Headers only (--no-pixels path): the pixel corpus is dicom-burned-in.test.ts.
import {execFile} from 'node:child_process'
import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {promisify} from 'node:util'

import {expect, test} from 'vitest'

import {checkFiles} from '../../src/dicom/deid/check-files.js'
import {isDummyValue} from '../../src/dicom/deid/check-dataset.js'
import type {CheckedFile} from '../../src/dicom/deid/deid-check-types.js'
import {DECODED_SYNTAXES, decodeFrames} from '../../src/dicom/pixels/decode-frames.js'
import {looksLikeDicom, parseDicom} from '../../src/dicom/read/parse-dicom.js'

const run = promisify(execFile)
const FOLDERS = ['/usr/lib/python3/dist-packages/pydicom/data/test_files', '/usr/lib/python3/dist-packages/pydicom/data/charset_files', '/usr/share/doc/dicom3tools/examples']

/** The identifiers the referee looks for: the patient's name, IDs, birth date, address, accession, referrer. */
const IDENTIFYING: Readonly<Record<string, string>> = {
  '(0010,0010)': 'PN',
  '(0010,0020)': 'LO',
  '(0010,0030)': 'DA',
  '(0010,1000)': 'LO',
  '(0010,1040)': 'LO',
  '(0008,0050)': 'SH',
  '(0008,0090)': 'PN',
  '(0010,2154)': 'SH',
}

const dump = async (file: string): Promise<{ok: boolean; out: string}> => {
  try {
    const r = await run('dcmdump', ['+U8', file], {maxBuffer: 64 * 1024 * 1024})
    return {ok: true, out: r.stdout}
  } catch (e) {
    return {ok: false, out: String((e as {stdout?: string}).stdout ?? '')}
  }
}

test('real-world corpus: every file dcmdump reads is checked, 100% recall of identifying values, no false all-clear', {timeout: 300_000}, async () => {
  const files = FOLDERS.filter(existsSync).flatMap((d) => readdirSync(d).map((f) => path.join(d, f))).filter((f) => statSync(f).isFile())
  expect(files.length).toBeGreaterThan(60)
  const result = await checkFiles(files, {options: new Set(), safePrivate: [], showValues: true}, 4)
  let readByDcmdump = 0
  let expected = 0
  let found = 0
  let falseClean = 0
  let refused = 0
  const problems: string[] = []
  for (const [i, file] of files.entries()) {
    const d = await dump(file)
    // Files given by name are never skipped, so results keep the input order.
    const mine = result.files[i]
    expect(mine?.file.endsWith(path.basename(file))).toBe(true)
    if (!d.ok) continue
    readByDcmdump++
    if (!mine || mine.status !== 'checked') {
      refused++
      problems.push(`REFUSED ${file}: ${mine?.status === 'error' ? mine.reason : 'skipped'}`)
      continue
    }
    const checked = mine as CheckedFile
    const values = d.out
      .split('\n')
      .map((l) => /^\s*(\(\w{4},\w{4}\))\s+(\w\w)\s+\[(.*)\]/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && IDENTIFYING[m[1]!] !== undefined && m[3]!.trim() !== '' && !isDummyValue(m[2]!, m[3]!))
    for (const m of values) {
      expected++
      if (checked.findings.some((f) => f.identifying && f.path.includes(m[1]!.toUpperCase()))) found++
      else problems.push(`MISSED ${file}: ${m[1]} "${m[3]}"`)
    }
    if (values.length > 0 && checked.identifying === 0) {
      falseClean++
      problems.push(`FALSE CLEAN ${file}`)
    }
  }
  const unreadable = result.files.filter((f) => f.status === 'error').length
  console.log(`real-world corpus: ${files.length} files, dcmdump reads ${readByDcmdump}, scanvet checked ${result.totals.checked} (${unreadable} refused with a reason, ${result.totals.skipped} non-DICOM skipped); refused of dcmdump's: ${refused}; recall ${found}/${expected} = ${((found / Math.max(1, expected)) * 100).toFixed(1)}%; false all-clears ${falseClean}`)
  for (const p of problems) console.log(`  ${p}`)
  expect(refused).toBe(0)
  expect(found).toBe(expected)
  expect(falseClean).toBe(0)
  expect(result.clean).toBe(false)
})

test('real-world corpus pixels: decoded where the syntax is supported, otherwise not-decoded with the syntax named', {timeout: 120_000}, async () => {
  const files = FOLDERS.filter(existsSync).flatMap((d) => readdirSync(d).map((f) => path.join(d, f))).filter((f) => statSync(f).isFile())
  let decoded = 0
  let notDecoded = 0
  const reasons = new Map<string, number>()
  for (const f of files) {
    const bytes = readFileSync(f)
    if (!looksLikeDicom(bytes)) continue
    let p
    try {
      p = parseDicom(bytes)
    } catch {
      continue
    }
    if (!p.dataset['7FE00010']) continue
    const out = decodeFrames(p.dataset, p.transferSyntax, 1)
    if (out.status === 'decoded') {
      decoded++
      expect(out.frames[0]!.data.length).toBe(out.frames[0]!.width * out.frames[0]!.height)
    } else {
      notDecoded++
      expect(out.reason).not.toBe('')
      reasons.set(out.reason.replace(/: .*/, ''), (reasons.get(out.reason.replace(/: .*/, '')) ?? 0) + 1)
      // A syntax scanvet says it decodes must not fail on real files, bar damaged ones.
      if (DECODED_SYNTAXES.includes(p.transferSyntax) && !p.truncated) console.log(`  could not decode ${f}: ${out.reason}`)
    }
  }
  console.log(`real-world pixels: ${decoded} decoded, ${notDecoded} not decoded: ${[...reasons].map(([r, n]) => `${r} ×${n}`).join('; ')}`)
  expect(decoded).toBeGreaterThan(20)
})
