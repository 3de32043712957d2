import {describe, expect, it} from 'vitest'

import {existsSync, writeFileSync} from 'node:fs'
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

  it('enumerated values inside values and in arguments are case-insensitive too; a wrong argument gets the nearest', async () => {
    const ws = tempDir()
    expect((await runCli(['init', ws, '--org', 'Test Practice'])).code).toBe(0)
    const add = await runCli(['vendor', 'add', 'acme', '--name', 'Acme', '--endpoint', 'DICOMweb=https://pacs.acme.example', '--jurisdiction', 'us', 'eu', '-w', ws, '--json'])
    expect(add.code, add.stderr).toBe(0)
    const shown = JSON.parse((await runCli(['vendor', 'show', 'acme', '-w', ws, '--json'])).stdout).profile
    expect(shown).toMatchObject({jurisdictions: ['US', 'EU'], endpoints: [{role: 'dicomweb'}]})
    const schema = await runCli(['schema', 'Vendor'])
    expect(schema.code, schema.stderr).toBe(0)
    expect(JSON.parse(schema.stdout).$id).toMatch(/vendor\.json$/)
    const wrong = await runCli(['schema', 'vendr'])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('"vendr" is not one of:')
    expect(wrong.stderr).toContain('Try: scanvet schema vendor')
    expect(wrong.stderr).not.toMatch(/USAGE|›/)
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

  it('dashboard -o - writes the page to standard output, and nothing in the workspace', async () => {
    const ws = tempDir()
    expect((await runCli(['init', ws, '--org', 'Test Practice'])).code).toBe(0)
    const r = await runCli(['dashboard', '-o', '-', '-w', ws], {cwd: ws})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^<!doctype html>/i)
    expect(existsSync(path.join(ws, '-'))).toBe(false)
    expect(existsSync(path.join(ws, 'dashboard.html'))).toBe(false)
    const j = await runCli(['dashboard', '--output', '-', '--json', '-w', ws], {cwd: ws})
    expect(JSON.parse(j.stdout)).toMatchObject({file: '-', html: expect.stringMatching(/^<!doctype html>/i)})
    const none = await runCli(['dashboard', '-o', '-', '-w', path.join(ws, 'not-a-workspace')])
    expect(none.code).toBe(2)
    expect(none.stdout).toBe('')
  })

  it('questionnaire export -o - writes the sheet to standard output; with --json the sheet is inside the one JSON document', async () => {
    const ws = tempDir()
    expect((await runCli(['init', ws, '--org', 'Test Practice'])).code).toBe(0)
    expect((await runCli(['vendor', 'add', 'acme', '--name', 'Acme', '--endpoint', 'https://api.acme.example', '-w', ws])).code).toBe(0)
    const plain = await runCli(['questionnaire', 'export', 'acme', '-o', '-', '-w', ws], {cwd: ws})
    expect(plain.code, plain.stderr).toBe(0)
    expect(plain.stdout).toMatch(/^# .*questionnaire/im)
    const j = await runCli(['questionnaire', 'export', 'acme', '--output', '-', '--json', '-w', ws], {cwd: ws})
    expect(j.code, j.stderr).toBe(0)
    expect(JSON.parse(j.stdout).text).toBe(plain.stdout)
    expect(existsSync(path.join(ws, '-'))).toBe(false)
  })

  it('verify, validate and history --json share one outcome key, ok', async () => {
    const ws = tempDir()
    expect((await runCli(['init', ws, '--org', 'Test Practice'])).code).toBe(0)
    const v = await runCli(['validate', '--json', '-w', ws], {cwd: ws})
    expect(v.code, v.stderr).toBe(0)
    expect(JSON.parse(v.stdout)).toMatchObject({ok: true})
    expect(JSON.parse(v.stdout)).not.toHaveProperty('valid')
    const bad = path.join(ws, 'broken.pdf')
    writeFileSync(bad, 'not a pdf')
    const r = await runCli(['verify', bad, '--fingerprint', 'AA', '--json'], {cwd: ws})
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout).error.code).toBe('INVALID_INPUT')
  })
})
