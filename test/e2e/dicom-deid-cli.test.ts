import {existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import type {DicomCheckResult} from '../../src/dicom/deid/check-files.js'
import type {CheckedFile} from '../../src/dicom/deid/deid-check-types.js'
import type {DeidRunResult} from '../../src/dicom/deid/deid-files.js'
import {runCli} from '../helpers/cli.js'
import {readWithDicomParser} from '../helpers/dicom-read.js'
import {writePlantedSet, type PlantedSet} from '../helpers/planted-set.js'
import {tempDir} from '../helpers/tmp.js'

// A throwaway secret made up for the test; the assertions below prove it never leaves the process.
const KEY = 'test-only-secret-9f3a7c1e5b2d4a6f8e0c1b3d5f7a9e2c'
const env = {SCANVET_DEID_KEY: KEY}

const walk = (dir: string): string[] =>
  readdirSync(dir, {recursive: true, withFileTypes: true}).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))

describe('scanvet dicom check / dicom deid on generated studies', () => {
  const root = tempDir()
  const inDir = path.join(root, 'in')
  const outDir = path.join(root, 'out')
  let set: PlantedSet
  let deid: DeidRunResult

  beforeAll(() => {
    set = writePlantedSet(inDir)
  })

  it('check reports every planted identifier with its tag path, and nothing on the control (exit 3)', async () => {
    const r = await runCli(['dicom', 'check', inDir, '--json', '--show-values'])
    expect(r.code, r.stderr).toBe(3)
    const result = JSON.parse(r.stdout) as DicomCheckResult
    const byFile = new Map(result.files.map((f) => [path.relative(inDir, path.resolve(f.file)), f]))
    for (const [rel, planted] of Object.entries(set.files)) {
      const f = byFile.get(rel) as CheckedFile
      expect(f?.status, rel).toBe('checked')
      for (const p of planted) {
        expect(f.findings.some((x) => x.path === p.path && x.identifying), `${rel}: ${p.path}`).toBe(true)
      }
    }
    const control = byFile.get('control.dcm') as CheckedFile
    expect(control.findings).toEqual([])
    expect(result.totals.checked).toBe(Object.keys(set.files).length)
  })

  it('prints a table with tag paths and masks values by default', async () => {
    const r = await runCli(['dicom', 'check', path.join(inDir, 'nested.dcm')])
    expect(r.code).toBe(3)
    expect(r.stdout).toContain('(0008,1110)[0].(0040,0275)[0].(0010,0010)')
    expect(r.stdout).not.toContain('Doe^Johnny')
    expect(r.stdout).toMatch(/1 file\(s\) checked, 1 with identifiers/)
    const ok = await runCli(['dicom', 'check', path.join(inDir, 'control.dcm')])
    expect(ok.code, ok.stdout).toBe(0)
    expect(ok.stdout).toMatch(/No identifying information found/)
  })

  it('deid refuses to run without the key, and writes nothing', async () => {
    const r = await runCli(['dicom', 'deid', inDir, outDir], {env: {SCANVET_DEID_KEY: ''}})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/SCANVET_DEID_KEY/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(outDir)).toBe(false)
  })

  it('deid cleans every file, quarantines the burned-in one, and never writes the secret', async () => {
    const r = await runCli(['dicom', 'deid', inDir, outDir, '--json'], {env})
    expect(r.code, r.stderr).toBe(3) // the burned-in image is quarantined
    deid = JSON.parse(r.stdout) as DeidRunResult
    expect(deid.quarantined).toBe(1)
    expect(deid.files.find((f) => f.status === 'quarantined')?.input).toMatch(/burned-in\.dcm$/)
    expect(existsSync(path.join(outDir, 'burned-in.dcm'))).toBe(false)
    expect(deid.cleaned).toBe(Object.keys(set.files).length - 1)
    expect(deid.notClean).toBe(0)
    const secret = Buffer.from(KEY)
    for (const f of walk(outDir)) expect(readFileSync(f).includes(secret), f).toBe(false)
    expect(r.stdout + r.stderr).not.toContain(KEY)
  })

  it('the de-identified output passes dicom check, proven against the originals (exit 0)', async () => {
    const r = await runCli(['dicom', 'check', outDir, '--originals', inDir, '--json'])
    const result = JSON.parse(r.stdout) as DicomCheckResult
    const dirty = result.files.filter((f) => f.status !== 'checked' || f.findings.length > 0)
    expect(dirty, JSON.stringify(dirty, null, 1)).toEqual([])
    expect(r.code).toBe(0)
  })

  it('no planted value survives anywhere in the output bytes', () => {
    const values = [...new Set(Object.values(set.files).flat().map((p) => p.value).filter((v) => !['YES', 'photo reference'].includes(v)))]
    for (const f of walk(outDir)) {
      const text = readFileSync(f).toString('latin1')
      for (const v of values) expect(text.includes(v), `${v} in ${f}`).toBe(false)
    }
  })

  it('UIDs are remapped consistently across the study, references included (read with dicom-parser)', async () => {
    const [a, b, c] = set.study.map((rel) => readWithDicomParser(path.join(outDir, rel)))
    const studyUid = a!.at('x0020000d')!
    expect(studyUid).toMatch(/^2\.25\.\d+$/)
    expect(studyUid).not.toBe(set.originalUids.study)
    expect(b!.at('x0020000d')).toBe(studyUid)
    expect(c!.at('x0020000d')).toBe(studyUid)
    expect(b!.at('x0020000e')).toBe(a!.at('x0020000e'))
    const firstSop = a!.at('x00080018')!
    expect(firstSop).not.toBe(set.originalUids.first)
    expect(b!.at('x00082112[0].x00081155')).toBe(firstSop)
    expect(c!.at('x00082112[0].x00081155')).toBe(firstSop)
    expect(a!.at('x00020003')).toBe(firstSop)
    expect(a!.at('x00120062')).toBe('YES')
    expect(a!.at('x00100020')).toMatch(/^SV-[0-9A-F]{16}$/)
    expect(b!.at('x00100020')).toBe(a!.at('x00100020'))

    // A second run with the same key gives the same UIDs; another key gives others.
    const again = path.join(root, 'again')
    const other = path.join(root, 'other')
    await runCli(['dicom', 'deid', path.join(inDir, 'study'), again], {env})
    await runCli(['dicom', 'deid', path.join(inDir, 'study'), other], {env: {SCANVET_DEID_KEY: `${KEY}-other`}})
    expect(readWithDicomParser(path.join(again, '1.dcm')).at('x00080018')).toBe(firstSop)
    expect(readWithDicomParser(path.join(other, '1.dcm')).at('x00080018')).not.toBe(firstSop)
  })

  it('retain-modified-dates shifts every date of a patient by one offset and records it', async () => {
    const shifted = path.join(root, 'shifted')
    const r = await runCli(['dicom', 'deid', path.join(inDir, 'study'), shifted, '--option', 'retain-modified-dates', '--json'], {env})
    expect(r.code, r.stderr).toBe(0)
    const [a, b] = ['1.dcm', '2.dcm'].map((f) => readWithDicomParser(path.join(shifted, f)))
    const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8))) / 86_400_000
    const offA = day(a!.at('x00080020')!) - day('20250312')
    const offB = day(b!.at('x00080021')!) - day('20250312')
    expect(offA).toBeLessThan(0)
    expect(offA).toBeGreaterThanOrEqual(-365)
    expect(offB).toBe(offA)
    expect(a!.at('x00280303')).toBe('MODIFIED')
    expect(a!.at('x00120064[1].x00080100')).toBe('113107')
    const check = await runCli(['dicom', 'check', shifted, '--option', 'retain-modified-dates', '--originals', path.join(inDir, 'study')])
    expect(check.code, check.stdout).toBe(0)
    const strict = await runCli(['dicom', 'check', shifted])
    expect(strict.code, 'shifted dates are identifying under the Basic Profile without the option').toBe(3)
  })

  it('retain-safe-private keeps only the private elements named safe', async () => {
    const safe = path.join(root, 'safe')
    const r = await runCli(['dicom', 'deid', path.join(inDir, 'study', '1.dcm'), safe, '--option', 'retain-safe-private', '--safe-private', 'ACME PHI 1.0:(0009,xx02)'], {env})
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const out = readWithDicomParser(path.join(safe, '1.dcm'))
    expect(out.has('x00091001')).toBe(false)
    expect(out.has('x00090010')).toBe(true)
    // Kept, but cleaned (action C): it held the patient ID, which is blacked out.
    expect(out.at('x00091002')).toBe('XXXXXXXXXX')
    const check = await runCli(['dicom', 'check', safe, '--option', 'retain-safe-private', '--safe-private', 'ACME PHI 1.0:(0009,xx02)'])
    expect(check.code, check.stdout).toBe(0)
    const strict = await runCli(['dicom', 'check', safe])
    expect(strict.code).toBe(3)
    expect(strict.stdout).toMatch(/\(0009,1002\)/)
  })

  it('bad input: a non-DICOM file, a broken DICOM file, an unknown option — exit 2, nothing written', async () => {
    const bad = path.join(root, 'bad')
    mkdirSync(bad)
    writeFileSync(path.join(bad, 'notes.txt'), 'not an image')
    const r1 = await runCli(['dicom', 'check', path.join(bad, 'notes.txt')])
    expect(r1.code).toBe(2)
    expect(r1.stdout).toMatch(/notes\.txt: not DICOM: no "DICM" marker and no readable DICOM element/)
    const broken = Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.from([0x02, 0x00, 0x10, 0x00, 0x55, 0x49, 0xff, 0x7f, 0x31])])
    writeFileSync(path.join(bad, 'broken.dcm'), broken)
    const target = path.join(root, 'bad-out')
    const r2 = await runCli(['dicom', 'deid', bad, target], {env})
    expect(r2.code).toBe(2)
    expect(r2.stderr).toMatch(/broken\.dcm: not readable as DICOM/)
    expect(r2.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(target)).toBe(false)
    const r3 = await runCli(['dicom', 'check', inDir, '--option', 'retain-everything'])
    expect(r3.code).toBe(2)
    expect(r3.stderr).toMatch(/unknown de-identification option "retain-everything"/)
    const r4 = await runCli(['dicom', 'deid', inDir, path.join(inDir, 'inside')], {env})
    expect(r4.code).toBe(2)
    expect(r4.stderr).toMatch(/must be outside the input/)
    const r5 = await runCli(['dicom', 'check', path.join(root, 'missing')])
    expect(r5.code).toBe(2)
  })
})
