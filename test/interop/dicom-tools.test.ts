import {execFile} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'

import {MODALITIES} from '../../src/dicom/modalities.js'
import {synthesizeStudy} from '../../src/dicom/synthesize.js'
import {tempDir} from '../helpers/tmp.js'

const run = promisify(execFile)
const dir = tempDir('scanvet-dicom-interop-')

/** Run a tool and keep its exit code instead of throwing on a non-zero one. */
const tool = async (cmd: string, args: string[]): Promise<{code: number; out: string}> => {
  try {
    const r = await run(cmd, args)
    return {code: 0, out: r.stdout + r.stderr}
  } catch (error) {
    const e = error as {code?: number; stdout?: string; stderr?: string}
    return {code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}`}
  }
}

// dcmtk (dcmftest, dcmdump) and dicom3tools (dciodvfy), the independent validators, on every synthetic file.
describe.each(MODALITIES.map((m) => [m]))('synthetic %s files against dcmtk and dicom3tools', (modality) => {
  const study = synthesizeStudy({modality})
  const files = study.instances.map((inst) => {
    const f = path.join(dir, `${modality}-${inst.instanceNumber}.dcm`)
    writeFileSync(f, inst.bytes)
    return f
  })

  it('dcmftest says every file is DICOM Part 10 (exit 0)', async () => {
    for (const f of files) {
      const r = await tool('dcmftest', [f])
      expect(r.code, r.out).toBe(0)
      expect(r.out.trim()).toBe(`yes: ${f}`)
    }
  })

  it('dciodvfy finds no error in the IOD (exit 0, no "Error" line)', async () => {
    for (const f of files) {
      const r = await tool('dciodvfy', [f])
      expect(r.code, r.out).toBe(0)
      expect(r.out).not.toMatch(/^Error/m)
    }
  })

  it('dcmdump reads back the canary attributes', async () => {
    const r = await tool('dcmdump', ['+P', '0010,0010', '+P', '0020,000d', '+P', '0008,1030', files[0]!])
    expect(r.code, r.out).toBe(0)
    expect(r.out).toContain('[SCANVET^CANARY]')
    expect(r.out).toContain(`[${study.canary.studyInstanceUid}]`)
    expect(r.out).toContain(study.canary.token)
  })
})
