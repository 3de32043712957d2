import {execFileSync} from 'node:child_process'
import {promises as fs, rmSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {startDemoVendor, type DemoVendor} from '../../src/demo/demo-vendor.js'
import {BIN, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

/**
 * The CLI as a person sees it: commands typed into a real terminal (tmux, Debian package) and the screen read
 * back with capture-pane. Progress and suggestions that only appear on a terminal can only be checked this way.
 */
const session = `scanvet-test-${process.pid}`
const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'})
const screen = () => tmux('capture-pane', '-p', '-t', session, '-S', '-200')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const waitFor = async (re: RegExp, ms: number): Promise<string> => {
  const end = Date.now() + ms
  for (;;) {
    const s = screen()
    if (re.test(s)) return s
    if (Date.now() > end) throw new Error(`screen never showed ${re}:\n${s}`)
    await sleep(200)
  }
}
const type = (line: string) => {
  tmux('send-keys', '-t', session, '-l', line)
  tmux('send-keys', '-t', session, 'Enter')
}

describe('scanvet in a terminal (tmux)', () => {
  const dir = tempDir()
  let vendor: DemoVendor | undefined
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '45', '-e', 'NO_COLOR=1', '-e', 'CI=', `bash --norc --noprofile`)
  type(`scanvet() { node ${BIN} "$@"; }; cd ${dir}; clear`)
  afterAll(async () => {
    try {
      tmux('kill-session', '-t', session)
    } catch {}
    await vendor?.close()
  })

  it('common mistakes are answered with what to type', async () => {
    type('scanvet vendor ad acme')
    await waitFor(/Did you mean vendor add\?/, 15_000)
    tmux('send-keys', '-t', session, 'n')
    await waitFor(/Run scanvet help vendor/, 15_000)
    type('clear; scanvet assess acme --fial-on high')
    await waitFor(/did you mean --fail-on\?/, 15_000)
    type('clear; scanvet assess acme --fail-on hgh')
    const s = await waitFor(/Try: scanvet assess … --fail-on high/, 15_000)
    expect(s).not.toMatch(/USAGE/)
    type('clear; scanvet help assess')
    await waitFor(/USAGE\s+\$ scanvet assess VENDOR/, 15_000)
    type('clear; scanvet version')
    await waitFor(/scanvet\/\d+\.\d+\.\d+ linux/, 15_000)
  })

  it('assess with a 20 s retention window shows phases and a countdown; --json shows nothing extra', async () => {
    const ws = path.join(dir, 'demo')
    const demo = await runCli(['demo', '--dir', ws, '--json'], {timeoutMs: 120_000})
    expect(demo.code, demo.stderr).toBe(0)
    // The demo's key passphrase is not kept; this round is unsigned.
    rmSync(path.join(ws, 'keys', 'signing.p12'))
    vendor = await startDemoVendor()
    const vdir = path.join(ws, 'vendors', 'demo-imaging-ai')
    const yaml = await fs.readFile(path.join(vdir, 'vendor.yaml'), 'utf8')
    const oldPort = /127\.0\.0\.1:(\d+)/.exec(yaml)![1]!
    await fs.writeFile(path.join(vdir, 'vendor.yaml'), yaml.replaceAll(`:${oldPort}`, `:${vendor.port}`).replace('window: PT1S', 'window: PT20S'))
    await fs.writeFile(path.join(vdir, 'demo-ca.pem'), vendor.caPem)

    type(`clear; scanvet assess demo-imaging-ai -w ${ws}; echo "exit=$?"`)
    const first = await waitFor(/waiting out the PT20S window, (\d+) s left/, 40_000)
    const n1 = Number(/window, (\d+) s left/.exec(first)![1])
    await sleep(2500)
    const later = screen()
    const n2 = Number(/window, (\d+) s left/.exec(later)?.[1] ?? '-1')
    expect(n2).toBeGreaterThanOrEqual(0)
    expect(n2).toBeLessThan(n1)
    const done = await waitFor(/exit=\d/, 60_000)
    // The phases run side by side: on a loaded machine the countdown can start before TLS is done, so the
    // TLS mark is looked for on the final screen.
    expect(done).toMatch(/✓ TLS/)
    expect(done).toMatch(/✓ image retention/)
    expect(done).toMatch(/Verdict for Demo Imaging AI: /)
    // The live block is cleared: no countdown line is left on the final screen.
    expect(done.slice(done.lastIndexOf('Verdict'))).not.toMatch(/s left/)

    const json = await runCli(['assess', 'demo-imaging-ai', '-w', ws, '--json'], {timeoutMs: 90_000})
    expect(json.code, json.stderr).toBe(0)
    expect(JSON.parse(json.stdout).vendor).toBe('demo-imaging-ai')
    expect(json.stderr).not.toMatch(/s left|✓/)
  })
})
