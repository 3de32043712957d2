import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {BIN, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

// util-linux `script` gives the command a real pseudo-terminal, so `run --all` sees a TTY as a person's shell would.
describe('run --all on a terminal asks first', () => {
  const root = tempDir('scanvet-confirm-')

  it('answering no runs nothing and writes nothing', async () => {
    expect((await runCli(['init', root, '--org', 'Confirm Test'])).code).toBe(0)
    expect((await runCli(['vendor', 'add', 'acme', '--name', 'Acme', '--endpoint', 'https://127.0.0.1:9/v1'], {cwd: root})).code).toBe(0)
    const env: Record<string, string | undefined> = {...process.env, NO_COLOR: '1'}
    delete env.CI
    const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} run --all`, '/dev/null'], {cwd: root, env, input: 'n\n', encoding: 'utf8', timeout: 30_000})
    expect(r.stdout).toContain('Reassess every vendor, including those not due yet? [y/N]')
    expect(r.stdout).toContain('Nothing run. `scanvet run` on its own runs only what is due.')
    expect(existsSync(path.join(root, 'vendors', 'acme', 'assessments'))).toBe(false)
  }, 60_000)
})
