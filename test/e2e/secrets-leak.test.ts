import {randomBytes} from 'node:crypto'
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {runCli, type CliResult} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })

describe('secrets never leak into files, output or errors', () => {
  it('a passphrase, an API token and a de-identification key set to random values: zero hits after assess, run, dicom deid and their error paths, with SCANVET_DEBUG=1', async () => {
    const base = tempDir()
    const ws = path.join(base, 'ws')
    const secrets = {
      passphrase: `pp-${randomBytes(12).toString('hex')}`,
      wrongPassphrase: `wp-${randomBytes(12).toString('hex')}`,
      token: `tk-${randomBytes(12).toString('hex')}`,
      deidKey: `dk-${randomBytes(24).toString('base64url')}`,
    }
    const outputs: CliResult[] = []
    const run = async (args: string[], env: Record<string, string> = {}) => {
      const r = await runCli(args, {cwd: base, env: {SCANVET_DEBUG: '1', ACME_API_TOKEN: secrets.token, SCANVET_DEID_KEY: secrets.deidKey, ...env}, timeoutMs: 120_000})
      outputs.push(r)
      return r
    }
    expect((await run(['demo', '--dir', ws])).code).toBe(0)
    // Outside the workspace: the one file that must hold the passphrase.
    const passFile = path.join(base, 'passphrase')
    writeFileSync(passFile, `${secrets.passphrase}\n`, {mode: 0o600})
    expect((await run(['keys', 'generate', '--force', '-w', ws, '--passphrase-file', passFile])).code).toBe(0)
    const vendor = 'demo-imaging-ai'
    const assessed = await run(['assess', vendor, '-w', ws, '--passphrase-file', passFile])
    expect([0, 3]).toContain(assessed.code)
    // Error paths: wrong passphrase from the environment and from a file; no passphrase at all; a readable-by-others file.
    expect((await run(['assess', vendor, '-w', ws], {SCANVET_KEY_PASSPHRASE: secrets.wrongPassphrase})).code).toBe(2)
    const wrongFile = path.join(base, 'wrong')
    writeFileSync(wrongFile, secrets.wrongPassphrase, {mode: 0o600})
    expect((await run(['run', '--all', '-w', ws, '--passphrase-file', wrongFile])).code).toBe(2)
    expect((await run(['run', '--all', '-w', ws])).code).toBe(2)
    writeFileSync(path.join(base, 'open'), secrets.wrongPassphrase, {mode: 0o644})
    expect((await run(['assess', vendor, '-w', ws, '--passphrase-file', path.join(base, 'open')])).code).toBe(2)
    expect([0, 3, 4]).toContain((await run(['run', '--all', '--restart', '-w', ws], {SCANVET_KEY_PASSPHRASE: secrets.passphrase})).code)
    // De-identification with the keyed pseudonyms, and with a key too short to use.
    expect((await run(['dicom', 'synth', '--modality', 'CT', '--output', path.join(ws, 'study')])).code).toBe(0)
    await run(['dicom', 'deid', path.join(ws, 'study'), path.join(ws, 'clean')])
    await run(['dicom', 'deid', path.join(ws, 'study'), path.join(ws, 'clean2')], {SCANVET_DEID_KEY: 'short'})

    const hits: string[] = []
    for (const [name, value] of Object.entries(secrets)) {
      for (const f of walk(ws)) if (readFileSync(f).includes(value)) hits.push(`${name} in ${path.relative(ws, f)}`)
      for (const [i, o] of outputs.entries()) if (o.stdout.includes(value) || o.stderr.includes(value)) hits.push(`${name} in the output of command ${i}`)
    }
    console.log(`leak test: ${walk(ws).length} files and ${outputs.length} commands' output searched for ${Object.keys(secrets).length} secrets: ${hits.length} hits`)
    expect(hits).toEqual([])
  }, 300_000)
})
