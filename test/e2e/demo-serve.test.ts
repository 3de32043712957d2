import {spawn} from 'node:child_process'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {BIN, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

describe('scanvet demo serve: the demo vendor kept running for the quarterly flow', () => {
  it('prints its port and workspace, takes two rounds, and stops on Ctrl-C', async () => {
    const dir = path.join(tempDir(), 'served')
    const child = spawn(process.execPath, [BIN, 'demo', 'serve', '--dir', dir], {env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']})
    let out = ''
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`demo serve did not start: ${out}${err}`)), 60_000)
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          if (out.includes('Press Ctrl-C')) {
            clearTimeout(timer)
            resolve()
          }
        })
      })
      expect(out).toMatch(/Demo vendor: https:\/\/127\.0\.0\.1:\d+ \(port \d+\)/)
      expect(out).toContain(`Workspace:   ${dir}`)
      for (let round = 0; round < 2; round++) {
        const a = await runCli(['assess', 'demo-imaging-ai', '-w', dir, '--json'], {timeoutMs: 90_000})
        expect(a.code, a.stderr).toBe(0)
        expect(JSON.parse(a.stdout).vendor).toBe('demo-imaging-ai')
      }
      const history = await runCli(['history', 'demo-imaging-ai', '-w', dir, '--json'])
      expect(history.stdout).toMatch(/demo-imaging-ai/)
      const diff = await runCli(['diff', 'demo-imaging-ai', '-w', dir, '--json'])
      expect(diff.code, diff.stderr).toBe(0)
      const status = await runCli(['status', '-w', dir, '--json'])
      expect(status.code, status.stderr).toBe(0)
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
    expect(out).toContain('Demo vendor stopped.')
  })
})
