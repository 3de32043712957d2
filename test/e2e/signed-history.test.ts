import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startDemoVendor, type DemoVendor} from '../../src/demo/demo-vendor.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import {runCli} from '../helpers/cli.js'
import {pdfText} from '../helpers/pdf-text.js'
import {demoAnswers, writeVendor} from '../helpers/quarter-workspace.js'
import {tempDir} from '../helpers/tmp.js'

// Two signed rounds of one vendor, through the real CLI: history verifies each report's signature with the
// workspace's certificate, the second report shows what changed, and a changed byte is caught.
describe('signed history', () => {
  const ws = path.join(tempDir(), 'ws')
  const env = {SCANVET_KEY_PASSPHRASE: 'correct horse battery staple'}
  let server: DemoVendor
  const rounds: string[] = []

  beforeAll(async () => {
    server = await startDemoVendor()
    expect((await runCli(['init', ws, '--org', 'Riverside Imaging'])).code).toBe(0)
    const keys = await runCli(['keys', 'generate', '-w', ws], {env})
    expect(keys.code, keys.stderr).toBe(0)
    const workspace = await loadWorkspace({cwd: ws, workspace: ws})
    await writeVendor(workspace, 'acme', {port: server.port, caPem: server.caPem, answers: await demoAnswers({'at-rest.key-management': 'with-data'})})
    for (const answers of [{'at-rest.key-management': 'with-data'}, {}] as Record<string, string>[]) {
      await writeVendor(workspace, 'acme', {port: server.port, caPem: server.caPem, answers: await demoAnswers(answers)})
      const r = await runCli(['assess', 'acme', '-w', ws, '--json'], {env, timeoutMs: 120_000})
      expect(r.code, r.stderr).toBe(0)
      rounds.push(JSON.parse(r.stdout).report)
    }
  }, 240_000)

  afterAll(() => server.close())

  it('history verifies the chain and both signatures', async () => {
    const h = await runCli(['history', 'acme', '-w', ws])
    expect(h.code, h.stdout + h.stderr).toBe(0)
    expect(h.stdout.match(/signature valid$/gm)).toHaveLength(2)
  })

  it('the second report lists the changes since the first', async () => {
    const text = (await pdfText(rounds[1]!)).join('\n')
    expect(text).toContain('Changes since the previous assessment')
    expect(text).toMatch(/Fixed/)
    expect(text).toMatch(/at-rest\.key-management: with-data → cloud-kms/)
  })

  it('a changed byte in the first report is named, and history exits 1', async () => {
    const bytes = readFileSync(rounds[0]!)
    const at = bytes.indexOf('Riverside')
    bytes[at] = 'r'.charCodeAt(0)
    writeFileSync(rounds[0]!, bytes)
    const h = await runCli(['history', 'acme', '-w', ws])
    expect(h.code).toBe(1)
    expect(h.stdout).toMatch(/SIGNATURE INVALID/)
    expect(h.stdout).toMatch(/digest/)
  })
})
