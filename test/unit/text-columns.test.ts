import {describe, expect, it} from 'vitest'

import {fitTable, wrapText} from '../../src/util/text-columns.js'

describe('wrapText', () => {
  it('fills lines word by word up to the width', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four'])
    expect(wrapText('', 10)).toEqual([''])
  })

  it('cuts a word longer than a line after a / when that keeps half the line, else at the width', () => {
    expect(wrapText('https://api.vendor.example/v1/studies', 16)).toEqual(['https://api.', 'vendor.example/', 'v1/studies'])
    expect(wrapText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl'])
    for (const l of wrapText('x https://api.vendor.example/v1/studies?tenant=radiology y', 12)) expect(l.length).toBeLessThanOrEqual(12)
  })
})

describe('fitTable', () => {
  const rows = [
    ['NAME', 'LIST'],
    ['https://a.example/', 'one two three four five six seven eight nine ten'],
  ]

  it('keeps natural widths when they fit', () => {
    expect(fitTable([['A', 'B'], ['aa', 'b']], 80)).toEqual(['A   B', 'aa  b'])
  })

  it('narrows the column with the most to spare and wraps its cells, never past the width', () => {
    const out = fitTable(rows, 40)
    for (const l of out.join('\n').split('\n')) expect(l.length).toBeLessThanOrEqual(40)
    expect(out[1]!.split('\n')[0]).toMatch(/^https:\/\/a\.example\/\s+one two/)
  })

  it('narrows a shrinkLast column only once the others are at their minimum', () => {
    const out = fitTable(rows, 30, {minWidths: [4, 10], shrinkLast: [0]})
    expect(out[1]!.split('\n')[0]).toMatch(/^https:\/\/a\.example\/\s+one two/)
    for (const l of out.join('\n').split('\n')) expect(l.length).toBeLessThanOrEqual(30)
  })
})
