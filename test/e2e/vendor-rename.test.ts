import {existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

// The demo leaves a workspace with one signed round, an answers file and a condition ledger: what a rename must
// carry along without breaking the history.
describe('vendor rename', () => {
  const ws = path.join(tempDir(), 'demo')
  const vendors = path.join(ws, 'vendors')

  beforeAll(async () => {
    const r = await runCli(['demo', '--dir', ws, '--json'], {timeoutMs: 120_000})
    expect(r.code, r.stderr).toBe(0)
  }, 130_000)

  /** Every file under vendors/ with its bytes: "nothing written" is this, unchanged. */
  const snapshot = (): Record<string, string> => {
    const out: Record<string, string> = {}
    const walk = (d: string) => {
      for (const e of readdirSync(d, {withFileTypes: true})) {
        const p = path.join(d, e.name)
        if (e.isDirectory()) walk(p)
        else out[path.relative(ws, p)] = readFileSync(p).toString('base64')
      }
    }
    walk(vendors)
    return out
  }

  it('refuses a mistyped OLD (did you mean), an invalid NEW and a NEW that exists: exit 2, no stack, nothing written', async () => {
    mkdirSync(path.join(vendors, 'stray'))
    const before = snapshot()
    const typo = await runCli(['vendor', 'rename', 'demo-imaging-a', 'demo-ai', '-w', ws])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain("did you mean 'demo-imaging-ai'?")
    const invalid = await runCli(['vendor', 'rename', 'demo-imaging-ai', 'Demo AI', '-w', ws])
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toContain("'Demo AI' is not a vendor id")
    expect(invalid.stderr).toContain('Try: scanvet vendor rename demo-imaging-ai demo-ai')
    const exists = await runCli(['vendor', 'rename', 'demo-imaging-ai', 'stray', '-w', ws, '--json'])
    expect(exists.code).toBe(2)
    expect(JSON.parse(exists.stdout).error).toMatchObject({code: 'VENDOR_EXISTS', message: expect.stringContaining('nothing was renamed')})
    const same = await runCli(['vendor', 'rename', 'demo-imaging-ai', 'demo-imaging-ai', '-w', ws])
    expect(same.code).toBe(2)
    for (const r of [typo, invalid, exists, same]) expect(r.stderr).not.toMatch(/\s+at .+:\d+:\d+/)
    expect(snapshot()).toEqual(before)
  })

  it('moves the folder, updates vendor.yaml and the answers file, and the signed round still verifies', async () => {
    const journal = path.join(ws, '.scanvet', 'run-journal.json')
    mkdirSync(path.dirname(journal), {recursive: true})
    writeFileSync(journal, JSON.stringify({version: 1, runId: 'x', startedAt: new Date().toISOString(), vendors: [{id: 'demo-imaging-ai', baseline: null}]}))

    const r = await runCli(['vendor', 'rename', 'demo-imaging-ai', 'demo-ai', '-w', ws, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({from: 'demo-imaging-ai', to: 'demo-ai', formerIds: ['demo-imaging-ai'], rounds: 1})
    expect(existsSync(path.join(vendors, 'demo-imaging-ai'))).toBe(false)
    const profile = readFileSync(path.join(vendors, 'demo-ai', 'vendor.yaml'), 'utf8')
    expect(profile).toMatch(/^id: demo-ai\nformerIds: \[ demo-imaging-ai \]\n/m)
    expect(profile).toContain('# A vendor profile') // the template's comments stay
    expect(readFileSync(path.join(vendors, 'demo-ai', 'answers.yaml'), 'utf8')).toMatch(/^vendor: demo-ai$/m)
    expect(readdirSync(path.join(vendors, 'demo-ai')).filter((f) => f.endsWith('.tmp'))).toEqual([])
    expect(JSON.parse(readFileSync(journal, 'utf8')).vendors).toEqual([{id: 'demo-ai', baseline: null}])

    const h = await runCli(['history', 'demo-ai', '-w', ws, '--json'])
    expect(h.code, h.stdout).toBe(0)
    expect(JSON.parse(h.stdout)).toMatchObject({vendor: 'demo-ai', ok: true, problems: []})
    expect((await runCli(['validate', '-w', ws])).code).toBe(0)
    expect(JSON.parse((await runCli(['vendor', 'list', '-w', ws, '--json'])).stdout).vendors.map((v: {id: string}) => v.id)).toEqual(['demo-ai'])
    const conditions = await runCli(['condition', 'list', 'demo-ai', '-w', ws, '--json'])
    expect(conditions.code, conditions.stderr).toBe(0)
  })

  it('history refuses a round that carries neither the id nor a former one (a round copied in from another vendor)', async () => {
    const file = path.join(vendors, 'demo-ai', 'vendor.yaml')
    const kept = readFileSync(file, 'utf8')
    writeFileSync(file, kept.replace(/^formerIds: .*\n/m, ''))
    try {
      const h = await runCli(['history', 'demo-ai', '-w', ws])
      expect(h.code).toBe(1)
      expect(h.stdout).toMatch(/it is a round of vendor 'demo-imaging-ai', which is neither 'demo-ai' nor an id it had before/)
    } finally {
      writeFileSync(file, kept)
    }
  })
})
