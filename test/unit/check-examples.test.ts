import {describe, expect, it} from 'vitest'

import {judgeFacts} from '../../src/checks/evaluate-check.js'
import {loadChecks} from '../../src/checks/load-checks.js'

const checks = await loadChecks()

// The rule tester: every check's pass examples pass and its fail examples fail (and warn / n-a likewise).
describe.each(checks.map((c) => [c.id, c] as const))('check %s', (_id, check) => {
  for (const status of ['pass', 'fail', 'warn', 'not-applicable'] as const) {
    const examples = check.examples[status] ?? []
    examples.forEach((facts, i) => {
      it(`${status} example ${i + 1}`, () => {
        const f = judgeFacts(check, facts, {id: check.id, ruleId: check.id, source: 'check', title: check.title, severity: check.severity})
        expect(f.status, f.message).toBe(status)
        expect(f.message).not.toMatch(/\{\{/)
      })
    })
  }

  it('has at least one passing and one failing example', () => {
    expect(check.examples.pass.length).toBeGreaterThan(0)
    expect(check.examples.fail.length).toBeGreaterThan(0)
  })
})
