import {copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import type {AnswersFile} from '../../src/questionnaire/questionnaire-types.js'
import {runCli} from '../helpers/cli.js'
import {FIXTURE_ANSWERS, MINI, makeWorkspace} from '../helpers/questionnaire-workspace.js'
import {tempDir} from '../helpers/tmp.js'

const Q = ['--questionnaire', MINI]

describe('scanvet questionnaire import / lint', () => {
  const dir = tempDir('scanvet-q-cli-')

  it('--prune-unasked drops an answer its question no longer asks (an earlier answer changed) and lists it; without it the file is refused', async () => {
    const ws = await makeWorkspace(path.join(dir, 'prune'))
    const file = path.join(ws.root, 'changed.yaml')
    writeFileSync(file, ['questionnaire: mini', 'version: "2026.2"', 'answers:', '  mini.hosting: cloud', '  mini.encrypted: no', '  mini.algorithm: aes-256', '  mini.regions: [us]', '  mini.retention: P1D', ''].join('\n'))
    const strict = await runCli(['questionnaire', 'import', 'acme', 'changed.yaml', ...Q], {cwd: ws.root})
    expect(strict.code).toBe(2)
    expect(strict.stderr).toMatch(/changed\.yaml:6:3: .*mini\.algorithm/)
    const r = await runCli(['questionnaire', 'import', 'acme', 'changed.yaml', ...Q, '--prune-unasked'], {cwd: ws.root})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Dropped \(1\), not asked given the other answers:\n {2}changed\.yaml:6:3: 'mini\.algorithm': 'mini\.algorithm' is only asked when/)
    const saved = parse(readFileSync(path.join(ws.root, 'vendors', 'acme', 'answers.yaml'), 'utf8')) as AnswersFile
    expect(Object.keys(saved.answers)).not.toContain('mini.algorithm')
    expect(saved.answers['mini.encrypted']).toBe(false)
  })

  it('--partial keeps a vendor’s answers so far and lists the required questions still open; without it they are refused', async () => {
    const ws = await makeWorkspace(path.join(dir, 'partial'))
    const draft = path.join(ws.root, 'draft.yaml')
    writeFileSync(draft, ['questionnaire: mini', 'version: "2026.2"', 'answers:', '  mini.hosting: cloud', '  mini.encrypted: yes', ''].join('\n'))
    const strict = await runCli(['questionnaire', 'import', 'acme', 'draft.yaml', ...Q], {cwd: ws.root})
    expect(strict.code).toBe(2)
    expect(strict.stderr).toMatch(/required question 'mini\.regions' is not answered/)
    const r = await runCli(['questionnaire', 'import', 'acme', 'draft.yaml', ...Q, '--partial', '--json'], {cwd: ws.root})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.answered).toBe(2)
    expect(out.open).toEqual(expect.arrayContaining(['mini.regions', 'mini.retention']))
    expect(out.open).not.toContain('mini.hosting')
    const saved = parse(readFileSync(path.join(ws.root, 'vendors', 'acme', 'answers.yaml'), 'utf8')) as AnswersFile
    expect(saved.answers).toEqual({'mini.hosting': 'cloud', 'mini.encrypted': true})
    // A wrong value is still refused with --partial: only open questions are allowed.
    writeFileSync(draft, readFileSync(draft, 'utf8').replace('cloud', 'moon'))
    const bad = await runCli(['questionnaire', 'import', 'acme', 'draft.yaml', ...Q, '--partial'], {cwd: ws.root})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/draft\.yaml:4:17: /)
    writeFileSync(draft, readFileSync(draft, 'utf8').replace('moon', 'cloud'))
    const human = await runCli(['questionnaire', 'import', 'acme', 'draft.yaml', ...Q, '--partial'], {cwd: ws.root})
    expect(human.code, human.stderr).toBe(0)
    expect(human.stdout).toMatch(/^Still to answer \(\d+ required\): .*mini\.regions/m)
  })

  it('refuses a bad answers file with every problem at file:line:col, exit 2, and writes nothing', async () => {
    const ws = await makeWorkspace(path.join(dir, 'bad'))
    const bad = path.join(ws.root, 'bad.yaml')
    writeFileSync(
      bad,
      ['questionnaire: mini', 'version: "2026.2"', 'answers:', '  mini.hosting: moon', '  mini.encrypted: no', '  mini.algorithm: aes-256', '  mini.regions: [us]', '  mini.retention: P1D', '  mini.soc2: yes', '  mini.soc2-report: lost.pdf', '  mini.wat: 1', ''].join('\n'),
    )
    const r = await runCli(['questionnaire', 'import', 'acme', 'bad.yaml', ...Q], {cwd: ws.root})
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n').filter((l) => /^bad\.yaml:\d+:\d+: /.test(l)).map((l) => l.split(': ')[0])).toEqual(['bad.yaml:4:17', 'bad.yaml:6:3', 'bad.yaml:11:3'])
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/)
    expect(existsSync(path.join(ws.root, 'vendors', 'acme', 'answers.yaml'))).toBe(false)
    // Fix those three: now the missing evidence file is what is left, located at its answer.
    writeFileSync(bad, readFileSync(bad, 'utf8').replace('moon', 'cloud').replace('  mini.algorithm: aes-256\n', '').replace('  mini.wat: 1\n', ''))
    const r2 = await runCli(['questionnaire', 'import', 'acme', 'bad.yaml', ...Q, '--json'], {cwd: ws.root})
    expect(r2.code).toBe(2)
    expect(JSON.parse(r2.stdout).error.problems).toEqual([expect.objectContaining({file: 'bad.yaml', line: 9, col: 21, message: expect.stringContaining("evidence file 'lost.pdf' for 'mini.soc2-report' does not exist")})])
    expect(existsSync(path.join(ws.root, 'vendors', 'acme', 'answers.yaml'))).toBe(false)
    // Bring the file: it imports, hashed, and the JSON result says so.
    copyFileSync(path.join(FIXTURE_ANSWERS, 'soc2.pdf'), path.join(ws.root, 'lost.pdf'))
    const r3 = await runCli(['questionnaire', 'import', 'acme', 'bad.yaml', ...Q, '--json'], {cwd: ws.root})
    expect(r3.code, r3.stderr).toBe(0)
    const out = JSON.parse(r3.stdout)
    expect(out.evidence[0]).toMatchObject({questionId: 'mini.soc2-report', sha256: expect.stringMatching(/^[0-9a-f]{64}$/)})
    const saved = parse(readFileSync(path.join(ws.root, 'vendors', 'acme', 'answers.yaml'), 'utf8')) as AnswersFile
    expect(saved.evidence!['mini.soc2-report']!.sha256).toBe(out.evidence[0].sha256)
    expect(saved.vendor).toBe('acme')
    // A changed evidence file no longer matches the hash recorded: refused.
    writeFileSync(path.join(ws.root, 'vendors', 'acme', 'evidence', 'mini.soc2-report', 'lost.pdf'), 'tampered')
    const r4 = await runCli(['questionnaire', 'import', 'acme', path.join('vendors', 'acme', 'answers.yaml'), ...Q], {cwd: ws.root})
    expect(r4.code).toBe(2)
    expect(r4.stderr).toContain('has changed: its SHA-256 is')
  })

  it('migrates an older version and lists what could not be migrated', async () => {
    const ws = await makeWorkspace(path.join(dir, 'migrate'))
    const r = await runCli(['questionnaire', 'import', 'acme', path.join(FIXTURE_ANSWERS, 'mini-2026.1.yaml'), ...Q], {cwd: ws.root})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('Migrated from version 2026.1 to 2026.2 via 2026.1 → 2026.2: 4 answers carried over.')
    expect(r.stdout).toContain('Not migrated (4):')
    expect(r.stdout).toMatch(/mini-2026\.1\.yaml:6:3: answer 'mini\.fax': removed in 2026\.2/)
    const saved = parse(readFileSync(path.join(ws.root, 'vendors', 'acme', 'answers.yaml'), 'utf8')) as AnswersFile
    expect(saved.version).toBe('2026.2')
    expect(saved.answers['mini.hosting']).toBe('cloud')
  })

  it('export: the HTML form is one self-contained file; the YAML sheet has every question as a comment over an empty value', async () => {
    const ws = await makeWorkspace(path.join(dir, 'export'))
    const html = await runCli(['questionnaire', 'export', 'acme', '--format', 'html', '--json'], {cwd: ws.root})
    expect(html.code, html.stderr).toBe(0)
    const result = JSON.parse(html.stdout)
    expect(result).toMatchObject({vendor: 'acme', format: 'html', questionnaire: {id: 'imaging-ai-vendor', version: '2026.2'}, file: 'vendors/acme/questionnaire-imaging-ai-vendor-2026.2.html'})
    const page = readFileSync(path.join(ws.root, result.file), 'utf8')
    expect(page).toContain(`content="default-src 'none'; script-src 'unsafe-inline'`)
    expect(page).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i)
    const code = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
    expect(code.length).toBeGreaterThan(1000)
    expect(code).not.toMatch(/\b(fetch|XMLHttpRequest|WebSocket|sendBeacon|import\s*\()/)
    const sheet = await runCli(['questionnaire', 'export', 'acme', '-o', '-'], {cwd: ws.root})
    expect(sheet.code).toBe(0)
    const doc = parse(sheet.stdout) as AnswersFile
    expect(doc).toMatchObject({questionnaire: 'imaging-ai-vendor', version: '2026.2', vendor: 'acme'})
    const ids = Object.keys(doc.answers)
    expect(ids.length).toBe(result.questions)
    expect(Object.values(doc.answers).every((v) => v === null)).toBe(true)
    expect(sheet.stdout).toContain('  # [required] Will you sign a HIPAA business associate agreement with us before we send any images?')
  })

  it('lint: the bundled questionnaire passes; a broken one fails with located problems', async () => {
    const ok = await runCli(['questionnaire', 'lint'])
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stdout).toMatch(/^ok {2}questionnaires\/imaging-ai-vendor\.yaml \(imaging-ai-vendor 2026\.2, \d+ questions\)/m)
    const broken = path.join(dir, 'broken.yaml')
    writeFileSync(broken, readFileSync(MINI, 'utf8').replace('containsAny: [eu, uk]', 'containsAny: [eu, ch]').replace('id: mini.staff', 'id: mini.notes'))
    // No catalogue names mini's questions: lint it against an empty catalogue folder (that rule is skipped).
    const none = path.join(dir, 'no-frameworks')
    mkdirSync(none)
    const plain = await runCli(['questionnaire', 'lint', broken, '--frameworks', none])
    expect(plain.code).toBe(2)
    expect(plain.stderr).toContain('note: skipped rule "every question evidences a control"')
    expect(plain.stderr).toMatch(/broken\.yaml:\d+:\d+: 'mini\.regions' has no option 'ch'/)
    const bad = await runCli(['questionnaire', 'lint', broken, '--json', '--frameworks', none])
    expect(bad.code).toBe(2)
    const problems = JSON.parse(bad.stdout).error.problems as {line: number; message: string}[]
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining("has no option 'ch'"), expect.stringContaining("question id 'mini.notes' is used twice")])
  })
})
