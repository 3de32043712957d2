// scanvet's Part 10 writer (used by `dicom deid`) on the real-world corpus: every file scanvet reads whole is
// written again, dcmtk's dcmftest must call the result a DICOM file and dcmdump must read it to the end, and
// scanvet reading it back must find the same elements with the same values (text, numbers, binary after any
// byte swap), in whatever transfer syntax, character set or byte order the original used.
import {execFile} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'

import {afterAll, expect, test} from 'vitest'

import type {DicomDataset, DicomElement} from '../../src/dicom/read/dicom-file.js'
import {parseDicom, TS} from '../../src/dicom/read/parse-dicom.js'
import {valueText} from '../../src/dicom/read/tags.js'
import {encodePart10} from '../../src/dicom/write/encode-part10.js'

const run = promisify(execFile)
const FOLDERS = ['/usr/lib/python3/dist-packages/pydicom/data/test_files', '/usr/lib/python3/dist-packages/pydicom/data/charset_files']
const out = mkdtempSync(path.join(tmpdir(), 'scanvet-writer-'))
afterAll(() => rmSync(out, {recursive: true, force: true}))

const WORD: Record<string, number> = {OW: 2, OF: 4, OL: 4, OD: 8, OV: 8}
const bytesOf = (el: DicomElement): number[] => {
  const parts = (el.Value ?? []).map((v) => (v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(0)))
  let b = parts.flatMap((p) => [...p])
  const word = WORD[el.vr]
  if ((el._rawValue as {littleEndian?: boolean} | undefined)?.littleEndian === false && word) {
    const s = [...b]
    for (let i = 0; i + word <= s.length; i += word) for (let k = 0; k < word; k++) b[i + k] = s[i + word - 1 - k]!
  }
  if (b.length % 2) b = [...b, 0]
  return b
}

/** Differences between two datasets, as readable paths (group lengths and the character set aside). */
const differences = (a: DicomDataset, b: DicomDataset, at = ''): string[] => {
  const diffs: string[] = []
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !k.endsWith('0000') && k !== '00080005'))
  for (const k of keys) {
    const x = a[k]
    const y = b[k]
    if (!x || !y) {
      diffs.push(`${at}${k} ${x ? 'lost' : 'added'}`)
      continue
    }
    if (x.vr === 'SQ') {
      const xi = (x.Value ?? []) as DicomDataset[]
      const yi = (y.Value ?? []) as DicomDataset[]
      if (xi.length !== yi.length) diffs.push(`${at}${k} has ${yi.length} items, not ${xi.length}`)
      else xi.forEach((item, i) => diffs.push(...differences(item, yi[i]!, `${at}${k}[${i}].`)))
      continue
    }
    const text = (e: DicomElement) => (e.Value ?? []).map((v) => (typeof v === 'number' ? String(v) : valueText(v) ?? '')).join('\\')
    const binary = (e: DicomElement) => !(e.Value ?? []).every((v) => typeof v === 'string' || typeof v === 'number' || (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer)))
    if (binary(x) || binary(y)) {
      if (bytesOf(x).join() !== bytesOf(y).join()) diffs.push(`${at}${k} binary value differs`)
    } else if (text(x) !== text(y)) diffs.push(`${at}${k} "${text(x).slice(0, 40)}" became "${text(y).slice(0, 40)}"`)
  }
  return diffs
}

test('every file read whole is written again as valid DICOM with the same elements and values', {timeout: 300_000}, async () => {
  const files = FOLDERS.filter(existsSync).flatMap((d) => readdirSync(d).map((f) => path.join(d, f))).filter((f) => statSync(f).isFile())
  expect(files.length).toBeGreaterThan(60)
  let written = 0
  const syntaxes = new Set<string>()
  const problems: string[] = []
  for (const [i, file] of files.entries()) {
    let parsed
    try {
      parsed = parseDicom(readFileSync(file))
    } catch {
      continue // not DICOM, or unreadable: the reader's corpus test covers these
    }
    if (parsed.truncated || Object.keys(parsed.dataset).length === 0) continue
    let bytes: Uint8Array
    try {
      bytes = encodePart10({meta: parsed.meta, dataset: parsed.dataset}, parsed.transferSyntax)
    } catch (e) {
      problems.push(`${path.basename(file)}: not written: ${(e as Error).message}`)
      continue
    }
    const target = path.join(out, `${i}.dcm`)
    writeFileSync(target, bytes)
    written++
    syntaxes.add(parsed.transferSyntax)
    const ftest = await run('dcmftest', [target]).then((r) => r.stdout, (e: {stdout?: string}) => e.stdout ?? '')
    if (!ftest.startsWith('yes')) problems.push(`${path.basename(file)}: dcmftest says ${ftest.trim()}`)
    const dumped = await run('dcmdump', ['-q', '+E', target], {maxBuffer: 64 * 1024 * 1024}).then(() => '', (e: {stderr?: string}) => e.stderr ?? 'failed')
    if (dumped !== '') problems.push(`${path.basename(file)}: dcmdump: ${dumped.split('\n')[0]}`)
    const again = parseDicom(bytes)
    expect(again.notes.filter((n) => !/preamble/.test(n)), path.basename(file)).toEqual([])
    problems.push(...differences(parsed.dataset, again.dataset).slice(0, 3).map((d) => `${path.basename(file)}: ${d}`))
  }
  console.log(`writer round trip: ${written} files written from ${syntaxes.size} transfer syntaxes, ${problems.length} problem(s)`)
  expect(problems).toEqual([])
  expect(written).toBeGreaterThan(50)
  // Implicit VR, big endian and deflated originals were among them (each is rewritten as explicit little endian).
  for (const ts of [TS.implicitLE, TS.explicitBE, TS.deflated]) expect(syntaxes).toContain(ts)
})
