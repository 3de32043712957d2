import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

describe('workspace and vendor commands (real CLI process)', () => {
  const root = tempDir()
  const ws = path.join(root, 'ws')

  it('init creates scanvet.yaml, vendors/, a .gitignore for keys, and editor schemas', async () => {
    const r = await runCli(['init', ws, '--org', 'Riverside Imaging', '--assessor', 'J. Smith'])
    expect(r.code).toBe(0)
    expect(readFileSync(path.join(ws, 'scanvet.yaml'), 'utf8')).toContain('organisation: Riverside Imaging')
    expect(existsSync(path.join(ws, 'vendors'))).toBe(true)
    expect(readFileSync(path.join(ws, '.gitignore'), 'utf8')).toMatch(/\*\.p12/)
    expect(existsSync(path.join(ws, '.schemas', 'vendor.json'))).toBe(true)
    const again = await runCli(['init', ws, '--org', 'X'])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('already exists')
  })

  it('vendor add / list / show, found by walking up from a subdirectory', async () => {
    const add = await runCli(['vendor', 'add', 'acme', '--name', 'Acme AI', '--endpoint', 'https://api.acme.example', '--endpoint', 'dicomweb=https://pacs.acme.example/dicom-web', '--jurisdiction', 'US', '--jurisdiction', 'EU'], {cwd: ws})
    expect(add.code, add.stderr).toBe(0)
    const list = await runCli(['vendor', 'list', '--json'], {cwd: path.join(ws, 'vendors')})
    expect(JSON.parse(list.stdout)).toEqual({vendors: [{id: 'acme', name: 'Acme AI', service: 'AI image analysis', endpoints: 2}]})
    const show = await runCli(['vendor', 'show', 'acme', '--json', '-w', ws], {cwd: root})
    expect(JSON.parse(show.stdout).profile.endpoints[1]).toEqual({url: 'https://pacs.acme.example/dicom-web', role: 'dicomweb'})
  })

  it('a type error on line 7 of vendor.yaml is reported at vendor.yaml:7 with exit 2 and no stack trace', async () => {
    const file = path.join(ws, 'vendors', 'acme', 'vendor.yaml')
    const good = readFileSync(file, 'utf8')
    const lines = ['id: acme', 'name: Acme AI', 'service: Triage', 'jurisdictions: [US]', 'endpoints:', '  - url: https://api.acme.example', '    role: 42']
    writeFileSync(file, `${lines.join('\n')}\n`)
    for (const args of [['validate'], ['vendor', 'show', 'acme'], ['assess', 'acme']]) {
      const r = await runCli(args, {cwd: ws})
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/vendors\/acme\/vendor\.yaml:7:11: must be one of: api, portal, dicomweb, dicom-tls \(\/endpoints\/0\/role\)/)
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/)
    }
    writeFileSync(file, good)
  })

  it('a YAML syntax error is located too, and --json returns the problems', async () => {
    const bad = path.join(root, 'vendor.yaml')
    writeFileSync(bad, 'id: acme\nname: "unclosed\nservice: x\n')
    const r = await runCli(['validate', bad, '--json'])
    expect(r.code).toBe(2)
    const out = JSON.parse(r.stdout)
    expect(out.error.code).toBe('INVALID_INPUT')
    expect(out.error.problems[0].message).toMatch(/YAML syntax error/)
    expect(out.error.problems[0].line).toBeGreaterThanOrEqual(2)
  })

  it('unknown vendor and missing workspace are input errors (exit 2) with a suggestion', async () => {
    const r = await runCli(['vendor', 'show', 'nobody'], {cwd: ws})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("no vendor 'nobody'")
    const none = await runCli(['vendor', 'list'], {cwd: root})
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('scanvet init')
  })

  it('schema prints a schema editors can use', async () => {
    const r = await runCli(['schema', 'vendor'])
    expect(JSON.parse(r.stdout).title).toMatch(/vendor profile/)
  })

  it('--help lists topics and commands, each with examples', async () => {
    const r = await runCli(['--help'])
    expect(r.stdout).toMatch(/TOPICS[\s\S]*vendor/)
    const sub = await runCli(['vendor', 'add', '--help'])
    expect(sub.stdout).toContain('EXAMPLES')
  })
})
