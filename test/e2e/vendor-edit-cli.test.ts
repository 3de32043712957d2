import {chmodSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

// `vendor edit` with scripted editors (EDITOR is a shell script that edits the file it is given, as a person
// would in vi): a valid edit is saved, a broken one never replaces vendor.yaml and is kept for the next try.
describe('scanvet vendor edit', () => {
  const root = tempDir()
  const ws = path.join(root, 'ws')
  const profile = path.join(ws, 'vendors', 'acme', 'vendor.yaml')
  const draft = path.join(ws, 'vendors', 'acme', '.vendor.edit.yaml')
  const editor = (name: string, script: string) => {
    const file = path.join(root, `${name}.sh`)
    writeFileSync(file, `#!/bin/sh\n${script}\n`)
    chmodSync(file, 0o755)
    return {EDITOR: file}
  }

  it('a valid edit is saved, comments kept', async () => {
    expect((await runCli(['init', ws, '--org', 'Harbour Point Imaging'])).code).toBe(0)
    expect((await runCli(['vendor', 'add', 'acme', '--name', 'Acme', '--endpoint', 'https://api.acme.example'], {cwd: ws})).code).toBe(0)
    const r = await runCli(['vendor', 'edit', 'acme'], {cwd: ws, env: editor('rename', `sed -i 's/^name: Acme$/name: Acme Imaging AI/' "$1"`)})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('Saved')
    expect(readFileSync(profile, 'utf8')).toMatch(/^name: Acme Imaging AI$/m)
    expect(readFileSync(profile, 'utf8')).toMatch(/^# /m)
  })

  it('a broken edit is refused at its line, vendor.yaml stays as it was, and the next edit resumes the draft', async () => {
    const before = readFileSync(profile, 'utf8')
    const bad = await runCli(['vendor', 'edit', 'acme'], {cwd: ws, env: editor('break', `sed -i 's|https://api.acme.example|ftp://api.acme.example|' "$1"`)})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/\.vendor\.edit\.yaml:\d+:\d+: /)
    expect(bad.stderr).toMatch(/your edit is kept in/)
    expect(bad.stderr).not.toMatch(/\n\s+at /)
    expect(readFileSync(profile, 'utf8')).toBe(before)
    expect(existsSync(draft)).toBe(true)
    // The next session opens the draft, not the profile: the fix is applied to what the user had typed.
    const fixed = await runCli(['vendor', 'edit', 'acme'], {cwd: ws, env: editor('fix', `grep -q ftp:// "$1" && sed -i 's|ftp://api.acme.example|https://api2.acme.example|' "$1"`)})
    expect(fixed.code, fixed.stderr).toBe(0)
    expect(readFileSync(profile, 'utf8')).toContain('https://api2.acme.example')
    expect(existsSync(draft)).toBe(false)
  })

  it('changing the id, or an editor that fails, changes nothing', async () => {
    const before = readFileSync(profile, 'utf8')
    const id = await runCli(['vendor', 'edit', 'acme'], {cwd: ws, env: editor('id', `sed -i 's/^id: acme$/id: other/' "$1"`)})
    expect(id.code).toBe(2)
    expect(id.stderr).toMatch(/id 'other' must stay 'acme'/)
    expect(readFileSync(profile, 'utf8')).toBe(before)
    await runCli(['vendor', 'edit', 'acme'], {cwd: ws, env: editor('restore', `sed -i 's/^id: other$/id: acme/' "$1"`)})
    const quit = await runCli(['vendor', 'edit', 'acme'], {cwd: ws, env: editor('quit', 'exit 1')})
    expect(quit.code).toBe(2)
    expect(quit.stderr).toMatch(/exited with 1; .*vendor\.yaml is unchanged/)
    expect(readFileSync(profile, 'utf8')).toBe(before)
  })
})
