import {mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {HIDING_PLACES, makeControlFile, makePlantedFile} from '../../src/dicom/deid/planted-study.js'
import {MIN_FILES_FOR_WORKERS} from '../../src/dicom/deid/check-in-workers.js'
import {runCli} from '../helpers/cli.js'

const dir = mkdtempSync(path.join(tmpdir(), 'scanvet-threads-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('dicom check and deid in worker threads', () => {
  it('gives exactly the result of one thread: same files, order, findings and exit code', async () => {
    const places = HIDING_PLACES.filter((p) => p !== 'burned-in')
    const n = MIN_FILES_FOR_WORKERS * 3
    for (let i = 0; i < n; i++) {
      const sub = path.join(dir, `s${i % 5}`)
      mkdirSync(sub, {recursive: true})
      const bytes = i % 3 === 0 ? makeControlFile(`t-${i}`) : makePlantedFile({places: [places[i % places.length]!], study: `t-${i % 5}`, instance: i}).bytes
      // A damaged file and a non-DICOM file among them: results, never lost between threads.
      writeFileSync(path.join(sub, `${i}.dcm`), i === 7 ? bytes.subarray(0, 300) : bytes)
    }
    writeFileSync(path.join(dir, 'notes.txt'), 'not an image')
    const one = await runCli(['dicom', 'check', dir, '--no-pixels', '--json'], {env: {SCANVET_THREADS: '1'}})
    const two = await runCli(['dicom', 'check', dir, '--no-pixels', '--json'], {env: {SCANVET_THREADS: '2'}})
    expect(one.stderr).toBe('')
    expect(two.stderr).toBe('')
    expect(two.code).toBe(one.code)
    expect(one.code).toBe(3)
    const a = JSON.parse(one.stdout)
    expect(a.totals.files).toBe(n)
    expect(a.totals.skipped).toBe(1)
    expect(a.totals.identifyingFiles).toBeGreaterThan(n / 2)
    expect(a.files.some((f: {incomplete?: string; status: string}) => f.incomplete !== undefined || f.status === 'error')).toBe(true)
    expect(two.stdout).toBe(one.stdout)
  }, 60_000)

  it('deid writes the same files, byte for byte, and the same report from one thread or two', async () => {
    const src = path.join(dir, 'deid-in')
    for (let i = 0; i < MIN_FILES_FOR_WORKERS * 2; i++) {
      const sub = path.join(src, `s${i % 4}`)
      mkdirSync(sub, {recursive: true})
      writeFileSync(path.join(sub, `${i}.dcm`), makePlantedFile({places: ['top-level', 'nested', 'private', 'free-text', 'dates'], study: `d-${i % 4}`, instance: i}).bytes)
    }
    const env = {SCANVET_DEID_KEY: 'test-only-key-0123456789abcdef0123456789'}
    const one = await runCli(['dicom', 'deid', src, path.join(dir, 'out-1'), '--json'], {env: {...env, SCANVET_THREADS: '1'}})
    const two = await runCli(['dicom', 'deid', src, path.join(dir, 'out-2'), '--json'], {env: {...env, SCANVET_THREADS: '2'}})
    expect(one.stderr).toBe('')
    expect(two.code).toBe(one.code)
    expect(two.stdout.replaceAll('out-2', 'out-1')).toBe(one.stdout)
    const a = JSON.parse(one.stdout)
    expect(a.cleaned).toBe(MIN_FILES_FOR_WORKERS * 2)
    expect(a.notClean).toBe(0)
    const files = readdirSync(path.join(dir, 'out-1'), {recursive: true, withFileTypes: true}).filter((e) => e.isFile())
    expect(files.length).toBe(MIN_FILES_FOR_WORKERS * 2)
    for (const f of files) {
      const rel = path.relative(path.join(dir, 'out-1'), path.join(f.parentPath, f.name))
      expect(readFileSync(path.join(dir, 'out-2', rel)).equals(readFileSync(path.join(dir, 'out-1', rel))), rel).toBe(true)
    }
  }, 90_000)
})
