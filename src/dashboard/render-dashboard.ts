import {createHash} from 'node:crypto'

import {DECISIONS} from '../controls/verdict.js'
import type {TrendPoint} from '../history/quarter-view.js'
import {decisionText, reportText, type ReportText} from '../report/report-text.js'
import {DASHBOARD_CSS, DASHBOARD_JS} from './dashboard-assets.js'
import type {DashboardModel, DashboardVendor} from './dashboard-model.js'

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[ch]!)
const sha = (s: string): string => `'sha256-${createHash('sha256').update(s).digest('base64')}'`

/** The decisions in severity order (DECISIONS order), so a verdict sorts by how bad it is, whatever the ids. */
const decisionRank = (d: string | undefined): number => (d === undefined ? -1 : (DECISIONS as readonly string[]).indexOf(d))

const badge = (text: ReportText, d: string | undefined): string => {
  if (!d) return '<span class="muted">never assessed</span>'
  const t = decisionText(text, d)
  // A class, not a style attribute: the CSP admits only the hashed style sheet.
  return `<span class="badge ${decisionClass(d)}">${esc(t.label)}</span>`
}

const decisionClass = (d: string): string => `d-${d.replace(/[^a-z0-9-]/gi, '')}`

/** One colour class per decision id (any id in DECISIONS, and a grey one for an id the wording file lacks). */
const decisionCss = (text: ReportText, ids: readonly string[]): string =>
  [...new Set([...DECISIONS, ...ids])].map((d) => `.${decisionClass(d)}{background:${decisionText(text, d).colour.replace(/[^#0-9a-z]/gi, '')}}`).join('\n')

/** Verdict dots and failing-finding bars over rounds, as inline SVG (no script, no external reference). */
export const trendSvg = (text: ReportText, points: readonly TrendPoint[]): string => {
  if (points.length === 0) return '<span class="muted">—</span>'
  const shown = points.slice(-8)
  const w = 22 * shown.length + 4
  const h = 44
  const max = Math.max(1, ...shown.map((p) => p.failing))
  const parts = shown.map((p, i) => {
    const x = 4 + i * 22
    const bh = Math.round((p.failing / max) * 24)
    const colour = decisionText(text, p.decision).colour
    return `<g><title>${esc(`${p.date}: ${decisionText(text, p.decision).label}, ${p.failing} failing`)}</title><circle cx="${x + 8}" cy="6" r="5" fill="${esc(colour)}"/><rect x="${x + 3}" y="${40 - bh}" width="10" height="${bh}" fill="#8a94a6"/></g>`
  })
  return `<svg role="img" aria-label="${esc(`verdicts and failing findings over ${shown.length} round(s)`)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><line x1="0" y1="40.5" x2="${w}" y2="40.5" stroke="#c5ccd6"/>${parts.join('')}</svg>`
}

const th = (label: string, sortable = true, cls = ''): string => `<th${cls ? ` class="${cls}"` : ''}>${sortable ? `<button type="button">${esc(label)}</button>` : esc(label)}</th>`
const td = (html: string, key?: string | number, cls = ''): string => `<td${key === undefined ? '' : ` data-key="${esc(String(key))}"`}${cls ? ` class="${cls}"` : ''}>${html}</td>`
const row = (v: DashboardVendor, cells: readonly string[]): string => `<tr data-vendor="${esc(v.id)}" data-decision="${esc(v.decision ?? '')}">${cells.join('')}</tr>`

/** Each cell carries its column's name, which the phone layout shows above it. */
const labelled = (rows: readonly string[], labels: readonly string[]): string[] =>
  rows.map((r) => {
    let i = 0
    return r.replace(/<td(?=[ >])/g, () => `<td data-label="${esc(labels[i++] ?? '')}"`)
  })

const movement = (text: ReportText, v: DashboardVendor): string => {
  if (!v.previousDecision || !v.decision) return '<span class="muted">first round</span>'
  const a = decisionRank(v.previousDecision)
  const b = decisionRank(v.decision)
  const word = b > a ? 'worse' : b < a ? 'better' : 'same'
  return `${esc(word)} <span class="muted">(was ${esc(decisionText(text, v.previousDecision).label.toLowerCase())})</span>`
}

/**
 * One self-contained HTML page for every vendor: no network, no external asset, a strict CSP that allows only
 * the inline style and script by their hashes. Pure over the model.
 */
export const renderDashboard = (m: DashboardModel): string => {
  const text = reportText()
  const vendors = [...m.vendors].sort((a, b) => decisionRank(b.decision) - decisionRank(a.decision) || a.name.localeCompare(b.name))
  const day = m.generatedAt.slice(0, 10)
  const vendorRows = vendors.map((v) => {
    const open = v.conditions.filter((c) => c.state === 'open')
    const overdue = open.filter((c) => c.overdue).length
    const nextExpiry = v.expiring[0]
    return row(v, [
      td(`<strong>${esc(v.name)}</strong><br><span class="muted">${esc(v.id)}</span>`, v.name),
      td(badge(text, v.decision), decisionRank(v.decision)),
      td(movement(text, v), v.previousDecision ? decisionRank(v.decision) - decisionRank(v.previousDecision) : 0, 'hide-narrow'),
      td(trendSvg(text, v.trend), v.trend.at(-1)?.failing ?? 0),
      td(`${open.length}${overdue ? ` <span class="overdue">(${overdue} overdue)</span>` : ''}`, overdue * 1000 + open.length),
      td(nextExpiry ? `${esc(nextExpiry.expires)} <span class="muted">${esc(nextExpiry.label)}</span>` : '<span class="muted">—</span>', nextExpiry?.expires ?? '9999', 'hide-narrow'),
      td(`${esc(v.nextDue)}${v.due === 'overdue' || v.due === 'never-assessed' ? ' <span class="overdue">due</span>' : ''}`, v.nextDue),
      td(v.reportHref ? `<a href="${esc(v.reportHref)}">report</a>` : '<span class="muted">—</span>', v.reportHref ?? ''),
    ])
  })
  // Every vendor's conditions in one list: overdue first, then by due date.
  const allConditions = vendors
    .flatMap((v) => v.conditions.map((c) => ({v, c})))
    .sort((x, y) => Number(y.c.overdue) - Number(x.c.overdue) || x.c.due.localeCompare(y.c.due) || x.v.name.localeCompare(y.v.name))
  const conditionRows = allConditions.map(({v, c}) =>
      row(v, [
        td(esc(c.due), c.due, c.overdue ? 'overdue' : ''),
        td(c.overdue ? '<span class="overdue">OVERDUE</span>' : esc(c.state.replaceAll('-', ' ')), c.overdue ? 0 : c.state === 'open' ? 1 : 2),
        td(esc(v.name), v.name),
        td(`${esc(c.title)}${c.target ? ` <span class="muted">(${esc(c.target)})</span>` : ''}<br><span class="muted">${esc(c.ask)}</span>${c.decision ? `<br><em>${esc(`${c.state.replaceAll('-', ' ')} by ${c.decision.by}: ${c.decision.reason}`)}</em>` : ''}`, c.title),
        td(esc(c.severity), c.severity, 'hide-narrow'),
        td(`<code>${esc(c.id)}</code>`, c.id, 'hide-narrow'),
      ]),
  )
  const expiryRows = vendors.flatMap((v) =>
    v.expiring.map((e) => row(v, [td(esc(e.expires), e.expires, e.state === 'expired' ? 'overdue' : ''), td(esc(v.name), v.name), td(esc(e.label), e.label), td(e.state === 'expired' ? '<span class="overdue">expired</span>' : `${e.daysLeft} days`, e.daysLeft)])),
  )
  const pendingRows = vendors.flatMap((v) => v.pending.map((p) => row(v, [td(esc(p.due), p.due), td(esc(v.name), v.name), td(esc(p.label), p.label), td(esc(p.state), p.state)])))
  const table = (id: string, heads: readonly string[], rows: readonly string[], empty: string) => {
    if (rows.length === 0) return `<p class="muted" id="${id}-empty">${esc(empty)}</p>`
    const labels = heads.map((h) => h.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&'))
    return `<div class="wrap"><table id="${id}" data-sortable><thead><tr>${heads.join('')}</tr></thead><tbody>${labelled(rows, labels).join('')}</tbody></table></div>`
  }
  const options = DECISIONS.map((d) => `<option value="${esc(d)}">${esc(decisionText(text, d).label.toLowerCase())}</option>`).join('')
  const css = `${DASHBOARD_CSS}\n${decisionCss(text, vendors.flatMap((v) => (v.decision ? [v.decision] : [])))}`
  const csp = `default-src 'none'; style-src ${sha(css)}; script-src ${sha(DASHBOARD_JS)}; img-src data:; base-uri 'none'; form-action 'none'`
  const totals = {
    vendors: vendors.length,
    overdue: vendors.reduce((n, v) => n + v.conditions.filter((c) => c.overdue).length, 0),
    open: vendors.reduce((n, v) => n + v.conditions.filter((c) => c.state === 'open').length, 0),
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(`Vendor dashboard — ${m.organisation}`)}</title>
<style>${css}</style>
</head>
<body>
<h1>Vendor dashboard — ${esc(m.organisation)}</h1>
<p class="meta">As of ${esc(day)}: ${totals.vendors} vendor(s), ${totals.open} open condition(s), <span class="${totals.overdue ? 'overdue' : ''}">${totals.overdue} overdue</span>. Made by scanvet; works offline.</p>
<div class="controls"><input id="filter" type="search" placeholder="Filter vendors, conditions, evidence…" aria-label="Filter"><select id="verdict" aria-label="Verdict"><option value="">every verdict</option>${options}</select></div>
<h2 id="vendors-title">Vendors</h2>
${table('vendors', [th('Vendor'), th('Verdict'), th('Since last round', true, 'hide-narrow'), th('Trend'), th('Conditions'), th('Next expiry', true, 'hide-narrow'), th('Next review'), th('Report', false)], vendorRows, 'No vendors yet.')}
<h2 id="conditions-title">Conditions by due date</h2>
${table('conditions', [th('Due'), th('State'), th('Vendor'), th('Condition and what to ask'), th('Severity', true, 'hide-narrow'), th('Id', true, 'hide-narrow')], conditionRows, 'No open conditions.')}
<h2 id="expiring-title">Evidence expiring in the next ${m.horizonDays} days</h2>
${table('expiring', [th('Ends'), th('Vendor'), th('Evidence'), th('Left')], expiryRows, `Nothing expires in the next ${m.horizonDays} days.`)}
<h2 id="pending-title">Pending retention canaries</h2>
${table('pending', [th('Due'), th('Vendor'), th('Canary'), th('State')], pendingRows, 'No canary is waiting.')}
<script>${DASHBOARD_JS}</script>
</body>
</html>
`
}
