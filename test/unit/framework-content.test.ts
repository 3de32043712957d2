import {describe, expect, it} from 'vitest'

import {loadChecks} from '../../src/checks/load-checks.js'
import {AGREEMENT_KINDS, loadCatalogue} from '../../src/contract/catalogue.js'
import {loadFrameworks} from '../../src/controls/load-frameworks.js'
import {allQuestions} from '../../src/questionnaire/questionnaire-types.js'
import {loadQuestionnaire} from '../../src/questionnaire/load-questionnaire.js'

// Content is linted like code: the catalogues, the checks and the questionnaire must fit together.
const frameworks = await loadFrameworks(['hipaa', 'gdpr-edpb', 'eu-ai-act', 'fda'])
const checks = await loadChecks()
const questionnaire = await loadQuestionnaire('imaging-ai-vendor')
const checkIds = new Set(checks.map((c) => c.id))
const questionIds = new Set(allQuestions(questionnaire).map((q) => q.question.id))
const controls = frameworks.flatMap((f) => f.controls.map((c) => ({framework: f.id, ...c})))

// Findings a control may name besides the YAML checks: the contract clause audit's, one per agreement kind
// (contract-baa, contract-dpa) and one per element of its catalogue (contract-baa.breach-notice, …).
const contractIds = new Set(AGREEMENT_KINDS.flatMap((k) => [`contract-${k}`, ...loadCatalogue(k).elements.map((e) => `contract-${k}.${e.id}`)]))

describe('framework catalogues: content lint', () => {
  it('hipaa applies to the US and gdpr-edpb to the EU', () => {
    expect(Object.fromEntries(frameworks.map((f) => [f.id, f.jurisdictions]))).toEqual({hipaa: ['US'], 'gdpr-edpb': ['EU'], 'eu-ai-act': ['EU'], fda: ['US']})
  })

  it('control ids are unique across catalogues', () => {
    const ids = controls.map((c) => c.id)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
  })

  it('every check in checks/** evidences at least one control', () => {
    const used = new Set(controls.flatMap((c) => c.evidence.checks ?? []))
    expect([...checkIds].filter((id) => !used.has(id))).toEqual([])
  })

  it('every question of the bundled questionnaire evidences at least one control', () => {
    const used = new Set(controls.flatMap((c) => c.evidence.questions ?? []))
    expect([...questionIds].filter((id) => !used.has(id))).toEqual([])
  })

  it('no control names a question that does not exist', () => {
    const dangling = controls.flatMap((c) => (c.evidence.questions ?? []).filter((q) => !questionIds.has(q)).map((q) => `${c.id} → ${q}`))
    expect(dangling).toEqual([])
  })

  it('no control names a check that does not exist (a YAML check or a contract clause audit finding)', () => {
    const dangling = controls.flatMap((c) => (c.evidence.checks ?? []).filter((id) => !checkIds.has(id) && !contractIds.has(id)).map((id) => `${c.id} → ${id}`))
    expect(dangling).toEqual([])
    // The gates read contract-baa and contract-dpa: a catalogue that stopped naming them would leave the gate unscored.
    const named = new Set(controls.flatMap((c) => c.evidence.checks ?? []))
    expect(['contract-baa', 'contract-dpa'].filter((id) => !named.has(id))).toEqual([])
  })

  it('every control has evidence or is marked manual', () => {
    const bare = controls.filter((c) => !c.manual && (c.evidence.checks ?? []).length + (c.evidence.questions ?? []).length === 0)
    expect(bare.map((c) => c.id)).toEqual([])
  })

  it('every control cites a provision in the form of its source', () => {
    for (const c of controls) {
      if (c.framework === 'hipaa' && c.readiness) expect(c.citation, c.id).toMatch(/90 FR 898.*proposed/)
      else if (c.framework === 'hipaa') expect(c.citation, c.id).toMatch(/^45 CFR 164\.(30[6868]|31[0246]|40[2-9]|41[0-4]|50[248]|51[24]|52[4-8])(\([a-zA-Z0-9]+\))*$/)
      else if (c.framework === 'eu-ai-act') expect(c.citation, c.id).toMatch(/^(EU AI Act Art\. |MDR |EHDS Regulation \(EU\) 2025\/327 )/)
      else if (c.framework === 'fda') expect(c.citation, c.id).toMatch(/^FD&C Act §/)
      else if (c.type === 'article') expect(c.citation, c.id).toMatch(/^GDPR Art\. \d+(\(\d+\))?(\([a-z]\))?/)
      else expect(c.citation, c.id).toMatch(/^EDPB (Guidelines|Recommendations|Opinion) \d{1,2}\/20\d\d /)
    }
  })

  it('HIPAA implementation specifications carry their Required/Addressable type', () => {
    const types = Object.fromEntries(controls.filter((c) => c.framework === 'hipaa').map((c) => [c.citation, c.type]))
    expect(types).toMatchObject({
      '45 CFR 164.308(a)(1)(ii)(A)': 'required',
      '45 CFR 164.308(b)(3)': 'required',
      '45 CFR 164.310(d)(2)(i)': 'required',
      '45 CFR 164.312(a)(2)(iv)': 'addressable',
      '45 CFR 164.312(c)(2)': 'addressable',
      '45 CFR 164.312(e)(1)': 'standard',
      '45 CFR 164.312(e)(2)(ii)': 'addressable',
      '45 CFR 164.316(b)(2)(i)': 'required',
    })
  })

  it('the 2025 HIPAA proposal is readiness only, and readiness controls are never scored', async () => {
    const nprm = controls.filter((c) => /NPRM|90 FR 898/.test(c.citation))
    expect(nprm.length).toBeGreaterThan(0)
    for (const c of nprm) expect(c.readiness, c.id).toBe(true)
    const {rollUp} = await import('../../src/controls/roll-up.js')
    const hipaa = frameworks.find((f) => f.id === 'hipaa')!
    const failing = nprm.flatMap((c) => [...(c.evidence.checks ?? []), ...(c.evidence.questions ?? [])]).map((ruleId) => ({id: ruleId, ruleId, source: 'check' as const, title: ruleId, severity: 'critical' as const, message: '', status: 'fail' as const}))
    const results = rollUp([hipaa], failing).filter((r) => nprm.some((c) => c.id === r.controlId))
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['readiness']))
  })
})
