import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {generateContractCorpus, type CorpusAgreement} from '../helpers/contract-corpus.js'
import {tempDir} from '../helpers/tmp.js'

// `scanvet contract check` as a practice manager runs it on an agreement they were e-mailed: a real CLI process,
// outside any workspace, on a PDF, a DOCX and a text file of the generated corpus.
describe('scanvet contract check FILE (outside a workspace)', () => {
  const dir = tempDir()
  let corpus: CorpusAgreement[]
  const write = (a: CorpusAgreement) => {
    const file = path.join(dir, a.name)
    writeFileSync(file, a.bytes)
    return file
  }

  beforeAll(async () => {
    corpus = await generateContractCorpus(7, {baa: 10, dpa: 6})
  }, 60_000)

  for (const format of ['pdf', 'docx', 'text'] as const) {
    it(`a ${format} agreement: every element judged as the generator planted it; exit 0 when complete, 1 otherwise`, async () => {
      const docs = corpus.filter((a) => a.format === format)
      expect(docs.length).toBeGreaterThan(0)
      for (const a of docs.slice(0, 3)) {
        const r = await runCli(['contract', 'check', write(a), '--kind', a.kind, '--json'], {cwd: dir})
        expect(r.stderr).toBe('')
        expect(r.code, a.name).toBe(a.complete ? 0 : 1)
        const {findings} = JSON.parse(r.stdout) as {findings: {ruleId: string; status: string; evidence?: {status?: string; quote?: string}}[]}
        const got = Object.fromEntries(findings.filter((f) => f.ruleId.includes('.')).map((f) => [f.ruleId.split('.')[1], f.evidence?.status]))
        expect(got, a.name).toEqual(a.expected)
      }
    }, 120_000)
  }

  it('the human output names the kind, the format, each element and what to ask for a missing one', async () => {
    const a = corpus.find((x) => Object.values(x.expected).includes('missing'))!
    expect(a, 'the corpus has an agreement with a missing element').toBeDefined()
    const r = await runCli(['contract', 'check', write(a)], {cwd: dir})
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(new RegExp(`^${a.kind.toUpperCase()} .* \\(${a.format}\\): (signed|NOT SIGNED)`))
    expect(r.stdout).toMatch(/^ {2}MISSING {3}/m)
    expect(r.stdout).toMatch(/^ {12}Ask: /m)
  }, 60_000)

  it('a missing file, a directory and a file that is not an agreement: a reason, exit 2, no stack trace', async () => {
    mkdirSync(path.join(dir, 'folder'), {recursive: true})
    writeFileSync(path.join(dir, 'binary.bin'), Buffer.from([0, 1, 2, 255, 254, 0, 7]))
    for (const [file, why] of [
      ['nope.pdf', /nope\.pdf: no such file/],
      ['folder', /folder: is a directory/],
      ['binary.bin', /neither PDF, DOCX nor UTF-8 text/],
    ] as const) {
      const r = await runCli(['contract', 'check', path.join(dir, file)], {cwd: dir})
      expect(r.code, file).toBe(2)
      expect(r.stderr).toMatch(why)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
  }, 60_000)
})
