import {describe, expect, it} from 'vitest'

import {validateText} from '../../src/validation/validate-document.js'

const BASE = ['id: acme', 'name: Acme Imaging AI', 'service: Chest X-ray triage', 'jurisdictions: [US]', 'endpoints:', '  - url: https://api.acme.example', '    role: api']

describe('the deid block of a vendor profile', () => {
  it('accepts options, safe private elements and sample folders', () => {
    const text = [...BASE, 'deid:', '  profile: basic', '  options: [retain-modified-dates, clean-descriptors, retain-safe-private]', '  safePrivate: ["ACME 1.0:(0009,xx01)"]', '  sent: [samples/sent]', '  returned: [samples/returned]', '  originals: [samples/originals]', ''].join('\n')
    const r = validateText('vendor', text, 'vendor.yaml')
    expect(r.problems ?? []).toEqual([])
    expect(r.success).toBe(true)
  })

  it('points at an unknown option by line and column', () => {
    const text = [...BASE, 'deid:', '  options: [retain-modified-dates, keep-everything]', ''].join('\n')
    const r = validateText('vendor', text, 'vendor.yaml')
    expect(r.success).toBe(false)
    expect(r.problems![0]).toMatchObject({line: 9, col: 36, pointer: '/deid/options/1'})
  })

  it('refuses a safe private element that is not CREATOR:(gggg,xxee)', () => {
    const text = [...BASE, 'deid:', '  safePrivate: ["(0009,1001)"]', ''].join('\n')
    const r = validateText('vendor', text, 'vendor.yaml')
    expect(r.success).toBe(false)
    expect(r.problems![0]).toMatchObject({line: 9, pointer: '/deid/safePrivate/0'})
  })
})
