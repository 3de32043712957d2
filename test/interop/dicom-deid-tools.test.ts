import {spawnSync} from 'node:child_process'
import {readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {makeControlFile} from '../../src/dicom/deid/planted-study.js'
import {readPart10, writePart10} from '../../src/dicom/read/dicom-file.js'
import {runCli} from '../helpers/cli.js'
import {writePlantedSet, type PlantedSet} from '../helpers/planted-set.js'
import {tempDir} from '../helpers/tmp.js'

// dicom3tools (dciodvfy, dcentvfy) and dcmtk (dcmftest, dcmdump) from Debian judge scanvet's output.
const KEY = 'interop-test-secret-0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f6'
const tool = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, {encoding: 'utf8'})
  return {code: r.status ?? -1, out: `${r.stdout}${r.stderr}`}
}
const dcmFiles = (dir: string): string[] =>
  readdirSync(dir, {recursive: true, withFileTypes: true}).filter((e) => e.isFile() && e.name.endsWith('.dcm')).map((e) => path.join(e.parentPath, e.name)).sort()
const errorsOf = (out: string) => out.split('\n').filter((l) => /^Error/.test(l))

describe('de-identified output judged by dciodvfy, dcentvfy, dcmftest and dcmdump', () => {
  const root = tempDir()
  const inDir = path.join(root, 'in')
  let set: PlantedSet
  const outputs: Record<string, string> = {}

  beforeAll(async () => {
    set = writePlantedSet(inDir)
    for (const [name, options] of [['basic', []], ['options', ['--option', 'retain-modified-dates', '--option', 'clean-descriptors', '--option', 'retain-patient-characteristics', '--option', 'retain-device-identity']]] as const) {
      const out = path.join(root, name)
      const r = await runCli(['dicom', 'deid', inDir, out, ...options], {env: {SCANVET_DEID_KEY: KEY}})
      expect(r.code, r.stdout + r.stderr).toBe(3) // the burned-in image is quarantined
      outputs[name] = out
    }
  })

  it('the generator is sound: dciodvfy accepts the control file and a plain identified image', () => {
    const control = path.join(root, 'control-check.dcm')
    writeFileSync(control, makeControlFile())
    const r = tool('dciodvfy', [control])
    expect(errorsOf(r.out), r.out).toEqual([])
    expect(r.code, r.out).toBe(0)
    expect(tool('dciodvfy', [path.join(inDir, 'study', '2.dcm')]).code).toBe(0)
  })

  it.each(['basic', 'options'])('every %s output is a valid DX image for dciodvfy (no required element removed) and for dcmftest', (name) => {
    const files = dcmFiles(outputs[name]!)
    expect(files.length).toBe(Object.keys(set.files).length - 1)
    for (const f of files) {
      const v = tool('dciodvfy', [f])
      expect(errorsOf(v.out), `${f}\n${v.out}`).toEqual([])
      expect(v.code, f).toBe(0)
      const t = tool('dcmftest', [f])
      expect(t.out.trim()).toBe(`yes: ${f}`)
    }
  })

  it('the canary scan (dcmdump +L +U8) finds no planted value, private tags and nested sequences included', () => {
    const values = [...new Set(Object.values(set.files).flat().map((p) => p.value).filter((v) => !['YES', 'photo reference'].includes(v)))]
    expect(values.length).toBeGreaterThan(20)
    const input = tool('dcmdump', ['+L', '+U8', path.join(inDir, 'nested.dcm')]).out
    expect(input).toContain('Doe^Johnny') // the scan does see planted values where they exist
    for (const f of dcmFiles(outputs.basic!)) {
      const dump = tool('dcmdump', ['+L', '+U8', f])
      expect(dump.code).toBe(0)
      for (const v of values) expect(dump.out.includes(v), `${v} in ${f}`).toBe(false)
      expect(dump.out).toMatch(/\(0012,0062\) CS \[YES\]/)
      expect(dump.out).not.toMatch(/^\(0009,/m)
    }
  })

  it('dcentvfy finds the three files of the study consistent, and notices a planted inconsistency', () => {
    const study = dcmFiles(path.join(outputs.basic!, 'study'))
    expect(study).toHaveLength(3)
    const ok = tool('dcentvfy', study)
    expect(errorsOf(ok.out), ok.out).toEqual([])
    expect(ok.code).toBe(0)
    const tampered = readPart10(readFileSync(study[1]!))
    tampered.dataset['00100020'] = {vr: 'LO', Value: ['SV-0000000000000000']}
    const bad = path.join(root, 'tampered.dcm')
    writeFileSync(bad, writePart10(tampered))
    const r = tool('dcentvfy', [study[0]!, bad])
    expect(r.out).toMatch(/Different PatientID for same StudyInstanceUID/)
  })

  it('scanvet dicom check agrees: the outputs are clean', async () => {
    const r = await runCli(['dicom', 'check', outputs.basic!, '--originals', inDir])
    expect(r.code, r.stdout).toBe(0)
    const o = await runCli(['dicom', 'check', outputs.options!, '--originals', inDir, '--option', 'retain-modified-dates', '--option', 'clean-descriptors', '--option', 'retain-patient-characteristics', '--option', 'retain-device-identity'])
    expect(o.code, o.stdout).toBe(0)
  })
})
