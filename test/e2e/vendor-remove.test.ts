import {existsSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

describe('vendor remove, and did-you-mean for vendor ids', () => {
  const ws = tempDir()
  const add = (id: string) => runCli(['vendor', 'add', id, '--name', id, '--endpoint', 'https://127.0.0.1:9', '-w', ws])

  it('a mistyped vendor id gets the nearest one', async () => {
    expect((await runCli(['init', ws, '--org', 'Test Practice'])).code).toBe(0)
    expect((await add('acme-imaging')).code).toBe(0)
    const r = await runCli(['vendor', 'show', 'acme-imagin', '-w', ws])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("did you mean 'acme-imaging'?")
  })

  it('a plain http:// endpoint is refused with the line to type, and nothing is written', async () => {
    const r = await runCli(['vendor', 'add', 'plain', '--name', 'Plain', '--endpoint', 'http://api.plain.example', '-w', ws])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Try: --endpoint https://api.plain.example')
    expect(existsSync(path.join(ws, 'vendors', 'plain'))).toBe(false)
  })

  it('asks for a yes without a terminal, keeps the folder by default, deletes it with --purge', async () => {
    const refused = await runCli(['vendor', 'remove', 'acme-imaging', '-w', ws])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('Try: scanvet vendor remove acme-imaging --yes')
    expect(existsSync(path.join(ws, 'vendors', 'acme-imaging', 'vendor.yaml'))).toBe(true)

    const kept = await runCli(['vendor', 'remove', 'acme-imaging', '--yes', '-w', ws, '--json'])
    expect(kept.code, kept.stderr).toBe(0)
    const out = JSON.parse(kept.stdout)
    expect(out).toMatchObject({vendor: 'acme-imaging', removed: true})
    expect(existsSync(path.join(out.keptAt, 'vendor.yaml'))).toBe(true)
    expect(existsSync(path.join(ws, 'vendors', 'acme-imaging'))).toBe(false)
    expect(JSON.parse((await runCli(['vendor', 'list', '-w', ws, '--json'])).stdout)).not.toContain('acme-imaging')

    expect((await add('beta')).code).toBe(0)
    const purged = await runCli(['vendor', 'remove', 'beta', '--yes', '--purge', '-w', ws, '--json'])
    expect(JSON.parse(purged.stdout)).toEqual({vendor: 'beta', removed: true, keptAt: null})
    expect(readdirSync(path.join(ws, 'removed-vendors'))).toHaveLength(1)
    expect(existsSync(path.join(ws, 'vendors', 'beta'))).toBe(false)
  })
})
