import {promises as fs} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {ProbeTlsCommandResult} from '../../src/commands/probe/tls.js'
import {runCli} from '../helpers/cli.js'
import {startFixture, type Fixture} from '../helpers/tls-fixture.js'
import {tempDir} from '../helpers/tmp.js'

let weak: Fixture
let clean: Fixture
const dir = tempDir()

beforeAll(async () => {
  ;[weak, clean] = await Promise.all([startFixture({ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-NULL-SHA:@SECLEVEL=0'}), startFixture({})])
  await fs.writeFile(path.join(dir, 'ca.pem'), clean.caPem)
})
afterAll(async () => {
  await Promise.all([weak.close(), clean.close()])
})

describe('scanvet probe tls', () => {
  it('--url --json returns the observations and findings of ad-hoc targets', async () => {
    const r = await runCli(['probe', 'tls', '--url', weak.url, '--url', clean.url, '--ca', path.join(dir, 'ca.pem'), '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as ProbeTlsCommandResult
    // TLS first, each half in the order given: observations[0] of a one-URL run is the TLS one (the interop suite reads it).
    expect(out.observations.map((o) => `${o.probe} ${o.target}`)).toEqual([`tls ${weak.url}`, `tls ${clean.url}`, `http ${weak.url}`, `http ${clean.url}`])
    expect(out.observations.every((o) => o.status === 'ok')).toBe(true)
    expect(out.endpoints.map((e) => [e.url, e.kind, e.status])).toEqual([
      [weak.url, 'https', 'probed'],
      [clean.url, 'https', 'probed'],
    ])
    const failing = (url: string) => out.findings.filter((f) => f.target === url && f.status === 'fail').map((f) => f.ruleId)
    // A NULL suite also takes the server out of Mozilla's intermediate profile (an info note).
    expect(failing(weak.url)).toEqual(['tls-ciphers-no-weak', 'tls-mozilla-profile'])
    expect(failing(clean.url)).toEqual([])
    // The HTTPS half runs too: the HTTP checks judge each https:// endpoint once.
    expect(out.findings.filter((f) => f.target === clean.url && f.ruleId.startsWith('http-')).map((f) => f.ruleId).sort()).toEqual([
      'http-content-type-options',
      'http-hsts',
      'http-redirect-to-https',
      'http-security-headers',
      'http-server-banner',
    ])
  })

  it('prints a table and the findings that are not passes', async () => {
    const r = await runCli(['probe', 'tls', '--url', weak.url])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/ENDPOINT\s+STATUS\s+VERSIONS\s+SUITES/)
    expect(r.stdout).toContain('TLSv1.2 TLSv1.3')
    expect(r.stdout).toMatch(/tls-ciphers-no-weak\s+fail\s+high/)
    expect(r.stdout).toContain('TLS_ECDHE_ECDSA_WITH_NULL_SHA')
  })

  it('probes a workspace vendor, DICOM TLS endpoint included, within the workspace network settings', async () => {
    const ws = path.join(dir, 'ws')
    expect((await runCli(['init', ws, '--org', 'Test Practice'])).code).toBe(0)
    const add = await runCli(['vendor', 'add', 'acme', '--name', 'Acme', '--endpoint', clean.url, '-w', ws])
    expect(add.code, add.stderr).toBe(0)
    const vendorFile = path.join(ws, 'vendors', 'acme', 'vendor.yaml')
    const text = await fs.readFile(vendorFile, 'utf8')
    await fs.writeFile(path.join(ws, 'vendors', 'acme', 'ca.pem'), clean.caPem)
    await fs.writeFile(
      vendorFile,
      text.replace(/endpoints:[\s\S]*?(\n\S|$)/, `endpoints:\n  - {url: "${clean.url}", role: api, caBundle: ca.pem, plainHttpUrl: "${clean.plainHttpUrl}"}\n  - {url: "dicom-tls://127.0.0.1:${clean.port}", role: dicom-tls, caBundle: ca.pem}\n$1`),
    )
    const r = await runCli(['probe', 'tls', 'acme', '-w', ws, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as ProbeTlsCommandResult
    expect(out.vendor).toBe('acme')
    // Two TLS observations, and one HTTP observation for the https:// endpoint (DICOM TLS speaks no HTTP).
    expect(out.observations.map((o) => `${o.probe} ${o.target}`)).toEqual([`tls ${clean.url}`, `tls dicom-tls://127.0.0.1:${clean.port}`, `http ${clean.url}`])
    const redirect = out.findings.find((f) => f.ruleId === 'http-redirect-to-https')
    expect(redirect?.status).toBe('pass')
    expect(redirect?.evidence?.['redirect.outcome']).toBe('redirect-https')
    expect(out.findings.filter((f) => f.status === 'fail' || f.status === 'warn')).toEqual([])
    expect(out.findings.filter((f) => f.target?.startsWith('dicom-tls:')).length).toBe(26)
  })

  it('rejects a bad --url with exit 2 and no stack trace', async () => {
    const r = await runCli(['probe', 'tls', '--url', 'ftp://example.com'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('not an https://, http://, dicom-tls:// or tls:// URL')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('asks for a vendor or --url', async () => {
    const r = await runCli(['probe', 'tls'], {cwd: dir})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('name a vendor or give --url')
  })
})
