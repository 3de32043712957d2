import {describe, expect, it} from 'vitest'

import {agreementFindings, checkAgreement} from '../../src/contract/check-agreement.js'
import {generateContractCorpus, type CorpusAgreement, type Status} from '../helpers/contract-corpus.js'

const norm = (s: string) => s.replace(/\s+/g, ' ').trim()

describe('contract reader on a generated corpus of BAAs and DPAs', () => {
  it('scores ≥97% precision and recall over element statuses, catches every trap, no findings on complete controls', async () => {
    const corpus = (await Promise.all([17, 5, 99, 23, 41].map((s) => generateContractCorpus(s)))).flat()
    expect(corpus.filter((c) => c.kind === 'baa').length).toBeGreaterThanOrEqual(10)
    expect(corpus.filter((c) => c.kind === 'dpa').length).toBeGreaterThanOrEqual(6)
    expect(new Set(corpus.map((c) => c.format))).toEqual(new Set(['text', 'docx', 'pdf']))
    // Per status: true positives, false positives, false negatives.
    const tally: Record<Status, {tp: number; fp: number; fn: number}> = {present: {tp: 0, fp: 0, fn: 0}, missing: {tp: 0, fp: 0, fn: 0}, contrary: {tp: 0, fp: 0, fn: 0}, unclear: {tp: 0, fp: 0, fn: 0}}
    const wrong: string[] = []
    const missedTraps: string[] = []
    let falseAlarmsOnControls = 0
    let quotes = 0
    const overallWrong: string[] = []
    const check = async (c: CorpusAgreement) => {
      const r = await checkAgreement(c.bytes, c.name, 'auto')
      expect(r.status, c.name).toBe('ok')
      if (r.status !== 'ok') return
      if (r.kind !== c.kind) wrong.push(`${c.name}: kind ${r.kind}`)
      if (r.signature.signed !== c.signed) wrong.push(`${c.name}: signed ${r.signature.signed}`)
      const text = norm(r.text)
      for (const e of r.elements) {
        const want = c.expected[e.id]!
        if (e.status === want) tally[want].tp++
        else {
          tally[e.status].fp++
          tally[want].fn++
          wrong.push(`${c.name} ${e.id}: expected ${want}, got ${e.status} (${e.why}) «${e.quote ?? ''}»`)
        }
        if (e.quote) {
          quotes++
          expect(text.includes(norm(e.quote)), `${c.name} ${e.id} quote verbatim`).toBe(true)
        }
      }
      for (const t of c.traps) {
        const [id] = t.split(':')
        if (c.expected[id!] === 'contrary' && r.elements.find((e) => e.id === id)?.status !== 'contrary') missedTraps.push(`${c.name} ${t}`)
      }
      const findings = agreementFindings(r)
      if (c.complete) falseAlarmsOnControls += findings.filter((f) => f.status !== 'pass').length
      if (findings[0]!.status !== (c.complete ? 'pass' : 'fail')) overallWrong.push(`${c.name}: overall ${findings[0]!.status}`)
    }
    for (const c of corpus) await check(c)
    const sum = Object.values(tally).reduce((a, t) => ({tp: a.tp + t.tp, fp: a.fp + t.fp, fn: a.fn + t.fn}), {tp: 0, fp: 0, fn: 0})
    const precision = sum.tp / (sum.tp + sum.fp)
    const recall = sum.tp / (sum.tp + sum.fn)
    // Precision and recall over the statuses that count against the vendor (missing, contrary, unclear).
    const adverse = (['missing', 'contrary', 'unclear'] as const).reduce((a, s) => ({tp: a.tp + tally[s].tp, fp: a.fp + tally[s].fp, fn: a.fn + tally[s].fn}), {tp: 0, fp: 0, fn: 0})
    const traps = corpus.flatMap((c) => c.traps.filter((t) => c.expected[t.split(':')[0]!] === 'contrary')).length
    console.log(
      `contract corpus: ${corpus.length} agreements, ${sum.tp + sum.fn} element statuses; precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%; adverse precision ${((adverse.tp / (adverse.tp + adverse.fp || 1)) * 100).toFixed(1)}%, adverse recall ${((adverse.tp / (adverse.tp + adverse.fn || 1)) * 100).toFixed(1)}%; contrary traps ${traps - missedTraps.length}/${traps}; false alarms on complete controls ${falseAlarmsOnControls}; quotes checked ${quotes}`,
    )
    if (wrong.length > 0) console.log(wrong.join('\n'))
    expect(overallWrong).toEqual([])
    expect(precision).toBeGreaterThanOrEqual(0.97)
    expect(recall).toBeGreaterThanOrEqual(0.97)
    expect(adverse.tp / (adverse.tp + adverse.fn)).toBeGreaterThanOrEqual(0.97)
    expect(missedTraps).toEqual([])
    expect(falseAlarmsOnControls).toBe(0)
    expect(corpus.some((c) => c.complete)).toBe(true)
    expect(traps).toBeGreaterThan(5)
  }, 60_000)
})
