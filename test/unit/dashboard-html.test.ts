import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'

import {DECISIONS} from '../../src/controls/verdict.js'
import type {DashboardModel} from '../../src/dashboard/dashboard-model.js'
import {renderDashboard, trendSvg} from '../../src/dashboard/render-dashboard.js'
import {reportText} from '../../src/report/report-text.js'

const model = (name: string, decision?: string): DashboardModel => ({
  organisation: 'Test & Practice',
  generatedAt: '2026-12-03T00:00:00Z',
  horizonDays: 90,
  vendors: [{id: 'v', name, ...(decision ? {decision: decision as never} : {}), nextDue: '2027-01-01', due: 'not-due', trend: [], conditions: [], expiring: [], pending: []}],
})

const hashOf = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`

describe('renderDashboard: one self-contained page', () => {
  const html = renderDashboard(model('Acme "AI" <b>', 'not-approved'))

  it('its CSP admits exactly its own inline style and script, by hash, and nothing from anywhere else', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replaceAll('&#39;', "'")
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain(`style-src ${hashOf(style)}`)
    expect(csp).toContain(`script-src ${hashOf(script)}`)
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(html).not.toMatch(/\sstyle="/) // a style attribute would be refused by that CSP
    expect(html).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//)
  })

  it('escapes every text it shows', () => {
    expect(html).toContain('Acme &quot;AI&quot; &lt;b&gt;')
    expect(html).toContain('Test &amp; Practice')
    expect(html).not.toContain('<b>')
  })

  it('any decision id gets a colour class and a filter option; an unknown one renders by its id', () => {
    for (const d of DECISIONS) expect(html).toContain(`<option value="${d}">`)
    const other = renderDashboard(model('X', 'cannot-decide'))
    expect(other).toContain('CANNOT DECIDE')
    expect(other).toMatch(/\.d-cannot-decide\{background:#[0-9a-f]{6}\}/i)
  })

  it('the trend is inline SVG: a dot per round in the decision colour, a bar per round for failing findings', () => {
    const svg = trendSvg(reportText(), [
      {id: 'a', date: '2026-06-01', decision: 'not-approved', failing: 4},
      {id: 'b', date: '2026-09-01', decision: 'approved', failing: 0},
    ])
    expect(svg.match(/<circle/g)).toHaveLength(2)
    expect(svg).toContain(`fill="${reportText().decisions['not-approved'].colour}"`)
    expect(svg).toMatch(/<rect x="\d+" y="16" width="10" height="24"/)
    expect(svg).toMatch(/<rect x="\d+" y="40" width="10" height="0"/)
  })
})
