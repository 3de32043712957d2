import {describe, expect, it} from 'vitest'

import {existsSync} from 'node:fs'
import path from 'node:path'

import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

describe('oclif basics and one error style', () => {
  it('help, -h, version and completion work', async () => {
    const help = await runCli(['help', 'assess'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/USAGE\s+\$ scanvet assess VENDOR/)
    const h = await runCli(['-h'])
    expect(h.code).toBe(0)
    expect(h.stdout).toMatch(/TOPICS[\s\S]*vendor/)
    const v = await runCli(['version'])
    expect(v.stdout).toMatch(/^scanvet\/\d+\.\d+\.\d+ /)
    const script = await runCli(['autocomplete', 'script', 'bash'])
    expect(script.code).toBe(0)
    expect(script.stdout).toMatch(/SCANVET_AC_BASH_SETUP_PATH/)
  })

  it('a mistyped command shows the corrected line with its arguments', async () => {
    const r = await runCli(['vendor', 'ad', 'acme'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('Did you mean: scanvet vendor add acme')
  })

  it('a mistyped flag names the flag it meant, without a USAGE dump', async () => {
    const r = await runCli(['assess', 'acme', '--fial-on', 'high'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('did you mean --fail-on?')
    expect(r.stderr).not.toMatch(/USAGE|›/)
  })

  it('option values are case-insensitive, and a wrong one gets the nearest choice', async () => {
    const upper = await runCli(['assess', 'acme', '--fail-on', 'High', '-w', '/nonexistent-scanvet-ws'])
    expect(upper.stderr).not.toMatch(/to be one of/)
    const wrong = await runCli(['assess', 'acme', '--fail-on', 'hgh'])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('Try: scanvet assess … --fail-on high')
    expect(wrong.stderr).not.toMatch(/USAGE/)
  })

  it('a missing argument says which, with the help line, and --json gets the same as an object', async () => {
    const r = await runCli(['assess'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/missing 1 required arg/)
    expect(r.stderr).toContain('Try: scanvet assess --help')
    const j = await runCli(['assess', '--json'])
    expect(j.code).toBe(2)
    expect(JSON.parse(j.stdout).error).toMatchObject({code: 'INVALID_INPUT'})
  })

  it('status --ics - writes the calendar to standard output, not to a file named -', async () => {
    const ws = tempDir()
    expect((await runCli(['init', ws, '--org', 'Test Practice'])).code).toBe(0)
    const r = await runCli(['status', '--ics', '-', '-w', ws], {cwd: ws})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^BEGIN:VCALENDAR\r?\n/)
    expect(existsSync(path.join(ws, '-'))).toBe(false)
  })
})
