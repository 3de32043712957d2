import {promises as fs} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {runAssessment} from '../../src/assessment/run-assessment.js'
import {startDemoVendor, type DemoVendor} from '../../src/demo/demo-vendor.js'
import {ROOT} from '../helpers/cli.js'
import {pdfText} from '../helpers/pdf-text.js'
import type {Assessment} from '../../src/assessment/assessment-types.js'
import {initWorkspace} from '../../src/workspace/init-workspace.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import type {VendorEvidence, Workspace} from '../../src/workspace/workspace-types.js'
import {generateContractCorpus, type CorpusAgreement} from '../helpers/contract-corpus.js'
import {demoAnswers, writeVendor} from '../helpers/quarter-workspace.js'
import {renderScan} from '../helpers/soc2-corpus.js'
import {tempDir} from '../helpers/tmp.js'

/*
 * The contract clause audit as the verdict sees it: every BAA and DPA of the generated corpus goes into a
 * vendor's evidence list, `assess` reads it, and the gate it opens or closes is the one the generator's
 * expected statuses imply (complete and signed → met; anything missing, contrary, unclear or unsigned → failed,
 * and then the vendor is NOT APPROVED). The vendor's endpoint is a closed port on 127.0.0.1, so the probes fail
 * fast with errors; only the gates are under test here (the demo test runs the whole vendor).
 */
describe('BAA and DPA gates from the documents in the evidence list', () => {
  const root = tempDir()
  let ws: Workspace
  let corpus: CorpusAgreement[]
  let n = 0

  beforeAll(async () => {
    await initWorkspace({dir: root, organisation: 'Harbour Point Imaging'})
    ws = await loadWorkspace({cwd: root, workspace: root})
    corpus = await generateContractCorpus(23, {baa: 10, dpa: 6})
  }, 60_000)
  afterAll(async () => fs.rm(root, {recursive: true, force: true}))

  /** A fresh vendor with these documents (name → bytes) and evidence entries; the assessment it gets. */
  const assess = async (files: Record<string, Uint8Array>, evidence: VendorEvidence[], jurisdictions = ['US', 'EU']): Promise<Assessment> => {
    const id = `v${++n}`
    await writeVendor(ws, id, {port: 1, caPem: '', answers: await demoAnswers({}), evidence, extra: {jurisdictions}})
    for (const [name, bytes] of Object.entries(files)) await fs.writeFile(path.join(root, 'vendors', id, name), bytes)
    return (await runAssessment({workspace: ws, vendorId: id})).assessment
  }
  const gate = (a: Assessment, id: 'baa' | 'dpa') => a.verdict.gates?.find((g) => g.id === id)

  it('every agreement of the corpus opens its gate exactly when it is complete and signed', async () => {
    const wrong: string[] = []
    for (const doc of corpus) {
      const file = `${doc.kind}.${doc.format === 'text' ? 'txt' : doc.format}`
      const a = await assess({[file]: doc.bytes}, [{kind: doc.kind, path: file}])
      const g = gate(a, doc.kind)!
      const want = doc.complete ? 'met' : 'failed'
      if (g.status !== want) wrong.push(`${doc.name}: gate ${g.status}, expected ${want} (${g.reason})`)
      if (!doc.complete && a.verdict.decision !== 'not-approved') wrong.push(`${doc.name}: ${a.verdict.decision} with a failed gate`)
      // The overall finding names the exact document judged.
      const overall = a.findings.find((f) => f.ruleId === `contract-${doc.kind}`)!
      expect(overall.evidence).toMatchObject({sha256: expect.stringMatching(/^[0-9a-f]{64}$/), file: expect.stringMatching(/^evidence\//)})
      // Every element the generator planted as contrary is a failed finding quoting the clause.
      for (const [el, status] of Object.entries(doc.expected)) {
        const f = a.findings.find((x) => x.ruleId === `contract-${doc.kind}.${el}`)
        if (status === 'contrary' && (f?.status !== 'fail' || !(f.evidence as {quote?: string}).quote)) wrong.push(`${doc.name}: ${el} contrary but ${f?.status}`)
      }
    }
    console.log(`contract gates: ${corpus.length} agreements (${corpus.filter((d) => d.complete).length} complete), ${wrong.length} wrong`)
    expect(wrong).toEqual([])
    expect(corpus.some((d) => d.complete) && corpus.some((d) => !d.complete)).toBe(true)
  }, 240_000)

  it('a document that cannot be read is an error finding, and the gate stays closed: cannot decide, never approved', async () => {
    const a = await assess({}, [{kind: 'baa', path: 'lost-baa.pdf'}])
    const f = a.findings.find((x) => x.ruleId === 'contract-baa')!
    expect(f).toMatchObject({status: 'error', reason: expect.stringContaining('does not exist')})
    expect(gate(a, 'baa')).toMatchObject({status: 'no-evidence', reason: expect.stringContaining('could not be checked')})
    expect(a.verdict.decision).not.toMatch(/^approved/)
  }, 60_000)

  it('a US-only vendor’s DPA is not scored; its BAA is', async () => {
    const baa = corpus.find((d) => d.kind === 'baa' && d.complete && d.format === 'text')!
    const dpa = corpus.find((d) => d.kind === 'dpa' && !d.complete)!
    const a = await assess({'baa.txt': baa.bytes, 'dpa.bin': dpa.bytes}, [{kind: 'baa', path: 'baa.txt'}, {kind: 'dpa', path: 'dpa.bin'}], ['US'])
    expect(a.verdict.gates?.map((g) => [g.id, g.status])).toEqual([['baa', 'met']])
    const dpaFindings = a.findings.filter((f) => f.ruleId.startsWith('contract-dpa'))
    expect(dpaFindings.length).toBeGreaterThan(1)
    expect(dpaFindings.filter((f) => f.status !== 'not-applicable')).toEqual([])
  }, 60_000)

  it('a scanned BAA (no text layer) is read by OCR, and the findings say so', async () => {
    const baa = corpus.find((d) => d.kind === 'baa' && d.complete && d.format === 'text')!
    const paras = new TextDecoder().decode(baa.bytes).split('\n').filter((l) => l.trim() !== '')
    const pages: string[][] = []
    for (let i = 0; i < paras.length; i += 12) pages.push(paras.slice(i, i + 12))
    const a = await assess({'baa-scan.pdf': await renderScan(pages)}, [{kind: 'baa', path: 'baa-scan.pdf'}], ['US'])
    const overall = a.findings.find((f) => f.ruleId === 'contract-baa')!
    const ev = overall.evidence as {ocr: boolean; format: string; present: number; elements: number; signed: boolean}
    console.log(`scanned BAA: ${pages.length} pages by OCR, ${ev.present}/${ev.elements} elements present, signed ${ev.signed}`)
    expect(ev).toMatchObject({ocr: true, format: 'pdf', signed: true})
    expect(ev.present).toBeGreaterThanOrEqual(ev.elements - 1)
  }, 120_000)
})

// The bundled demo vendor (a real HTTPS server on 127.0.0.1) with its own answers, once with the fictional BAA and
// DPA the demo ships and once with a BAA that lost its breach-notice clause and its signatures.
describe('the demo vendor with a complete and with a deficient BAA', () => {
  const root = tempDir()
  let ws: Workspace
  let server: DemoVendor
  const demoFile = (f: string) => fs.readFile(path.join(ROOT, 'templates', 'demo', f), 'utf8')

  beforeAll(async () => {
    server = await startDemoVendor()
    await initWorkspace({dir: root, organisation: 'Riverside Community Imaging (demo)'})
    ws = await loadWorkspace({cwd: root, workspace: root})
  }, 60_000)
  afterAll(async () => {
    await server.close()
    await fs.rm(root, {recursive: true, force: true})
  })

  const assessWith = async (id: string, baa: string) => {
    const evidence: VendorEvidence[] = [{kind: 'baa', path: 'baa.txt'}, {kind: 'dpa', path: 'dpa.txt'}]
    await writeVendor(ws, id, {port: server.port, caPem: server.caPem, answers: await demoAnswers({}), evidence})
    await fs.writeFile(path.join(root, 'vendors', id, 'baa.txt'), baa)
    await fs.writeFile(path.join(root, 'vendors', id, 'dpa.txt'), await demoFile('dpa.txt'))
    return runAssessment({workspace: ws, vendorId: id})
  }

  it('complete: both gates met, approved with conditions, the report has the contract section', async () => {
    const r = await assessWith('complete', await demoFile('baa.txt'))
    expect(r.assessment.verdict.gates?.map((g) => [g.id, g.status])).toEqual([['baa', 'met'], ['dpa', 'met']])
    expect(r.assessment.verdict.decision).toBe('approved-with-conditions')
    const text = (await pdfText(r.files.pdf)).join('\n')
    expect(text).toContain('Business associate and data processing agreements')
    expect(text).toMatch(/baa\.txt:\s+signed,\s+17\s+of\s+17\s+elements\s+present/)
  }, 120_000)

  it('deficient: the BAA gate fails, NOT APPROVED, and the report names the missing clause and what to ask', async () => {
    const text = await demoFile('baa.txt')
    const deficient = text.replace(/^2\.5 .*$/m, '').replace(/^By: \/s\/ .*$/gm, 'By: ______________________')
    expect(deficient).not.toBe(text)
    const r = await assessWith('deficient', deficient)
    const a = r.assessment
    expect(a.verdict.decision).toBe('not-approved')
    expect(a.verdict.gates?.find((g) => g.id === 'baa')).toMatchObject({status: 'failed', reason: expect.stringMatching(/not signed; breach-notice missing/)})
    expect(a.findings.find((f) => f.ruleId === 'contract-baa.breach-notice')).toMatchObject({status: 'fail', remediation: expect.any(String)})
    const pages = (await pdfText(r.files.pdf)).join('\n')
    expect(pages).toContain('NOT APPROVED')
    expect(pages).toMatch(/baa\.txt:\s+NOT\s+SIGNED,\s+16\s+of\s+17\s+elements\s+present/)
    expect(pages).toMatch(/To send the vendor for baa\.txt:\s+\(1\)\s+Both parties sign the agreement\./)
    expect(pages).toMatch(/Breach notice without unreasonable delay[\s\S]{0,200}MISSING/)
  }, 120_000)
})
