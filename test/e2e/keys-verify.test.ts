import {readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {validatorFor} from '../../src/validation/ajv-instance.js'
import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

const root = tempDir()
const ws = path.join(root, 'ws')
const env = {SCANVET_KEY_PASSPHRASE: 'correct horse battery staple'}

describe('scanvet keys (real CLI process)', () => {
  it('generate writes an encrypted PKCS#12 readable only by its owner, and show prints the same fingerprint', async () => {
    expect((await runCli(['init', ws, '--org', 'Riverside Imaging'])).code).toBe(0)
    const none = await runCli(['keys', 'generate'], {cwd: ws, env: {SCANVET_KEY_PASSPHRASE: ''}})
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/no passphrase.*\n.*SCANVET_KEY_PASSPHRASE/)
    const gen = await runCli(['keys', 'generate', '--json'], {cwd: ws, env})
    expect(gen.code, gen.stderr).toBe(0)
    const g = JSON.parse(gen.stdout)
    expect(g).toMatchObject({algorithm: 'ECDSA P-256', subject: 'CN=Riverside Imaging report signing, O=Riverside Imaging'})
    expect(statSync(path.join(ws, 'keys', 'signing.p12')).mode & 0o777).toBe(0o600)
    expect(readFileSync(path.join(ws, 'keys', 'signing.p12')).includes(Buffer.from('PRIVATE KEY'))).toBe(false)
    const show = await runCli(['keys', 'show', '--json'], {cwd: ws})
    expect(JSON.parse(show.stdout).fingerprint).toBe(g.fingerprint)
    const again = await runCli(['keys', 'generate'], {cwd: ws, env})
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('already exists')
  })

  it('import refuses a wrong passphrase (exit 2, no stack trace) and takes the right one', async () => {
    const src = path.join(ws, 'keys', 'signing.p12')
    const copy = path.join(root, 'from-ca.p12')
    writeFileSync(copy, readFileSync(src))
    const wrong = await runCli(['keys', 'import', copy, '--force'], {cwd: ws, env: {SCANVET_KEY_PASSPHRASE: 'not the passphrase'}})
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/wrong passphrase/)
    expect(wrong.stderr).not.toMatch(/\bat .*\.js:\d+/)
    const ok = await runCli(['keys', 'import', copy, '--force', '--json'], {cwd: ws, env})
    expect(ok.code, ok.stderr).toBe(0)
    expect(JSON.parse(ok.stdout).chainLength).toBe(1)
  })
})

describe('scanvet assess with a signing key', () => {
  it('stops before probing (exit 2) when the key’s passphrase is missing, and names the variable', async () => {
    expect((await runCli(['vendor', 'add', 'acme', '--name', 'Acme AI', '--endpoint', 'https://127.0.0.1:9'], {cwd: ws})).code).toBe(0)
    const r = await runCli(['assess', 'acme'], {cwd: ws, env: {SCANVET_KEY_PASSPHRASE: ''}})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no passphrase for the signing key[\s\S]*SCANVET_KEY_PASSPHRASE/)
    expect(r.stderr).not.toContain(env.SCANVET_KEY_PASSPHRASE)
  })
})

describe('scanvet demo → scanvet verify (real CLI processes)', () => {
  const demoDir = path.join(root, 'demo')
  let out: {report: string; assessment: string; fingerprint: string; certificate: string}

  it('the demo report is signed, and every output of the round is written', async () => {
    const r = await runCli(['demo', '--dir', demoDir, '--json'], {timeoutMs: 120_000})
    expect(r.code, r.stderr).toBe(0)
    out = JSON.parse(r.stdout)
    const round = path.dirname(out.report)
    const a = JSON.parse(readFileSync(out.assessment, 'utf8'))
    const v = validatorFor('assessment')
    expect(v(a), JSON.stringify(v.errors?.slice(0, 3))).toBe(true)
    expect(a.signature).toMatchObject({status: 'signed', fingerprint: out.fingerprint, timestamp: {status: 'none'}})
    expect(JSON.parse(readFileSync(path.join(round, 'assessment-results.oscal.json'), 'utf8'))['assessment-results'].metadata['oscal-version']).toBe('1.0.6')
    expect(readFileSync(path.join(round, 'findings.csv'), 'utf8').split('\r\n').length).toBe(a.findings.length + 2)
  })

  it('verify exits 0 with the fingerprint or the certificate, and 1 naming the failure after tampering', async () => {
    const ok = await runCli(['verify', out.report, '--fingerprint', out.fingerprint])
    expect(ok.code, ok.stdout + ok.stderr).toBe(0)
    expect(ok.stdout).toContain('VERIFIED')
    expect((await runCli(['verify', out.report, '--trust', out.certificate])).code).toBe(0)
    // One outcome key for verify and history alike: `ok` (decisions.md, issue 19 item 3).
    const okJson = JSON.parse((await runCli(['verify', out.report, '--fingerprint', out.fingerprint, '--json'])).stdout)
    expect(okJson.ok).toBe(true)
    expect(okJson).not.toHaveProperty('valid')
    const pdf = readFileSync(out.report)
    const flipped = Buffer.from(pdf)
    const at = flipped.indexOf('/Title')
    flipped[at + 9] = flipped[at + 9]! ^ 0x20
    const bad = path.join(root, 'tampered.pdf')
    writeFileSync(bad, flipped)
    const r = await runCli(['verify', bad, '--fingerprint', out.fingerprint, '--json'])
    expect(r.code).toBe(1)
    const j = JSON.parse(r.stdout)
    expect(j.ok).toBe(false)
    expect(j).not.toHaveProperty('valid')
    expect(j.checks.find((c: {id: string}) => c.id === 'digest')).toMatchObject({ok: false, detail: expect.stringMatching(/digest mismatch/)})
    const missing = await runCli(['verify', path.join(root, 'nope.pdf'), '--fingerprint', out.fingerprint])
    expect(missing.code).toBe(2)
  })
})
