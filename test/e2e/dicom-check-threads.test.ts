import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {HIDING_PLACES, makeControlFile, makePlantedFile} from '../../src/dicom/deid/planted-study.js'
import {MIN_FILES_FOR_WORKERS} from '../../src/dicom/deid/check-in-workers.js'
import {runCli} from '../helpers/cli.js'

const dir = mkdtempSync(path.join(tmpdir(), 'scanvet-threads-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('dicom check in worker threads', () => {
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
    const one = await runCli(['dicom', 'check', dir, '--no-pixels', '--json'], {env: {SCANVET_DICOM_THREADS: '1'}})
    const two = await runCli(['dicom', 'check', dir, '--no-pixels', '--json'], {env: {SCANVET_DICOM_THREADS: '2'}})
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
})
