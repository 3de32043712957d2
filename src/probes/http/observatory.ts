import {BASELINE_SCORE, GRADE_CHART, JUDGED_ELSEWHERE, MINIMUM_SCORE_FOR_EXTRA_CREDIT, MODIFIERS, OBSERVATORY_SOURCE} from './data/observatory-scoring.js'

type Headers = Readonly<Record<string, string | string[] | undefined>>

export interface ObservatoryInput {
  /** The page fetched (https://…): the origin scripts are compared with. */
  readonly url: string
  readonly headers: Headers
  /** The body as received (possibly cut at the size cap); only read for HTML. */
  readonly body?: string
  readonly bodyTruncated?: boolean
  /** What plain HTTP did (the redirect facts' outcome); undefined when it could not be told. */
  readonly redirectOutcome?: string
  /** The Origin header the request carried, so a reflected Access-Control-Allow-Origin can be recognised. */
  readonly originSent: string
}

export interface ObservatoryTest {
  readonly test: string
  readonly result: string
  readonly modifier: number
}

export interface ObservatoryFacts {
  readonly scoring: string
  readonly score: number
  readonly grade: string
  /** The score without the tests scanvet judges under their own checks (HSTS, redirect): what the check reads. */
  readonly judgedScore: number
  readonly judgedGrade: string
  readonly tests: readonly ObservatoryTest[]
  /** Each result that cost points, with its modifier, worst first. */
  readonly costs: readonly string[]
  /** Tests that could not be scored from this one response, and why. */
  readonly notScored: readonly string[]
}

const all = (h: Headers, name: string): string[] => {
  const v = h[name]
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}
const one = (h: Headers, name: string): string | undefined => {
  const v = all(h, name)
  return v.length > 0 ? v.join(', ') : undefined
}

// --- Content-Security-Policy -------------------------------------------------------------------------------------

type Policy = Map<string, Set<string>>

const DANGEROUSLY_BROAD = new Set(['ftp:', 'http:', 'https:', '*', 'http://*', 'http://*.*', 'https://*', 'https://*.*'])
const UNSAFE_INLINE = new Set(["'unsafe-inline'", 'data:'])
const NONCE_OR_HASH = /^'(nonce-|sha256-|sha384-|sha512-)/

/** One policy: directives by name, the first of a repeated directive winning (CSP3 §2.2.1). Undefined when unparsable. */
const parsePolicy = (text: string): Policy | undefined => {
  const policy: Policy = new Map()
  for (const raw of text.split(';')) {
    const tokens = raw.trim().split(/[\t\n\f\r ]+/).filter(Boolean)
    if (tokens.length === 0) continue
    const name = tokens[0]!.toLowerCase()
    if (!/^[a-z0-9-]+$/.test(name)) return undefined
    if (!policy.has(name)) policy.set(name, new Set(tokens.slice(1).map((t) => t.toLowerCase())))
  }
  return policy.size > 0 ? policy : undefined
}

/** Several enforced policies all apply: a directive present in more than one allows only what all allow. */
const combine = (policies: readonly Policy[]): Policy => {
  const out: Policy = new Map()
  for (const p of policies) {
    for (const [name, sources] of p) {
      const had = out.get(name)
      const merged = had ? new Set([...had].filter((s) => sources.has(s))) : new Set(sources)
      out.set(name, merged.size > 0 ? merged : new Set(["'none'"]))
    }
  }
  return out
}

const cspResult = (h: Headers, https: boolean): {result: string; policy?: Policy} => {
  const texts = all(h, 'content-security-policy').flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)
  if (texts.length === 0) return {result: one(h, 'content-security-policy-report-only') ? 'csp-not-implemented-but-reporting-enabled' : 'csp-not-implemented'}
  const parsed = texts.map(parsePolicy)
  if (parsed.some((p) => p === undefined)) return {result: 'csp-header-invalid'}
  const csp = combine(parsed as Policy[])
  const fallback = (d: string) => new Set(csp.get(d) ?? csp.get('default-src') ?? ['*'])
  const scriptSrc = fallback('script-src')
  const styleSrc = fallback('style-src')
  const objectSrc = fallback('object-src')
  // A nonce or hash makes browsers ignore 'unsafe-inline' in the same list.
  for (const list of [scriptSrc, styleSrc]) if ([...list].some((s) => NONCE_OR_HASH.test(s))) list.delete("'unsafe-inline'")
  if (scriptSrc.has("'strict-dynamic'")) {
    if (![...scriptSrc].some((s) => NONCE_OR_HASH.test(s))) return {result: 'csp-header-invalid', policy: csp}
    for (const s of [...scriptSrc]) if ([...DANGEROUSLY_BROAD].some((b) => s.startsWith(b)) || s === "'self'" || s === "'unsafe-inline'") scriptSrc.delete(s)
  }
  const active = [...csp].filter(([d]) => d !== 'img-src' && d !== 'media-src' && d !== 'script-src').flatMap(([, s]) => [...s]).concat([...scriptSrc])
  const passive = ['img-src', 'media-src'].flatMap((d) => [...(csp.get(d) ?? csp.get('default-src') ?? [])])
  const insecure = (s: string) => s.startsWith('http:') || s.startsWith('ftp:')
  // The first that applies, in Observatory's order.
  if ([...scriptSrc].some((s) => DANGEROUSLY_BROAD.has(s) || UNSAFE_INLINE.has(s)) || [...objectSrc].some((s) => DANGEROUSLY_BROAD.has(s))) return {result: 'csp-implemented-with-unsafe-inline', policy: csp}
  if (https && active.some(insecure)) return {result: 'csp-implemented-with-insecure-scheme', policy: csp}
  if (scriptSrc.has("'unsafe-eval'") || styleSrc.has("'unsafe-eval'")) return {result: 'csp-implemented-with-unsafe-eval', policy: csp}
  if (https && passive.some(insecure)) return {result: 'csp-implemented-with-insecure-scheme-in-passive-content-only', policy: csp}
  if ([...styleSrc].some((s) => DANGEROUSLY_BROAD.has(s) || UNSAFE_INLINE.has(s))) return {result: 'csp-implemented-with-unsafe-inline-in-style-src-only', policy: csp}
  const def = csp.get('default-src')
  return {result: def?.size === 1 && def.has("'none'") ? 'csp-implemented-with-no-unsafe-default-src-none' : 'csp-implemented-with-no-unsafe', policy: csp}
}

// --- the other tests ----------------------------------------------------------------------------------------------

const SIX_MONTHS = 15_768_000

const hstsResult = (h: Headers): string => {
  const v = all(h, 'strict-transport-security')[0]
  if (v === undefined) return 'hsts-not-implemented'
  const m = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(v)
  if (!m) return 'hsts-header-invalid'
  return Number(m[1]) >= SIX_MONTHS ? 'hsts-implemented-max-age-at-least-six-months' : 'hsts-implemented-max-age-less-than-six-months'
}

// Worst last, as Observatory ranks them: a cookie result only ever moves down this list.
const COOKIE_BADNESS = [
  'cookies-without-secure-flag-but-protected-by-hsts',
  'cookies-without-secure-flag',
  'cookies-session-without-secure-flag-but-protected-by-hsts',
  'cookies-samesite-flag-invalid',
  'cookies-anticsrf-without-samesite-flag',
  'cookies-session-without-httponly-flag',
  'cookies-session-without-secure-flag',
]

const cookiesResult = (h: Headers): string => {
  const cookies = all(h, 'set-cookie')
  if (cookies.length === 0) return 'cookies-not-found'
  const hsts = hstsResult(h) === 'hsts-implemented-max-age-at-least-six-months'
  let worst = -1
  const worse = (r: string) => (worst = Math.max(worst, COOKIE_BADNESS.indexOf(r)))
  let missingSameSite = false
  for (const raw of cookies) {
    const [pair = '', ...attrs] = raw.split(';')
    const name = pair.split('=')[0]!.trim().toLowerCase()
    const attr = new Map(attrs.map((a) => {
      const [k = '', ...v] = a.split('=')
      return [k.trim().toLowerCase(), v.join('=').trim().toLowerCase()] as const
    }))
    const secure = attr.has('secure')
    const sameSite = attr.get('samesite')
    const session = name.includes('login') || name.includes('sess')
    if (sameSite !== undefined && !['lax', 'strict', 'none'].includes(sameSite)) worse('cookies-samesite-flag-invalid')
    if (!secure && sameSite === 'none') worse('cookies-samesite-flag-invalid')
    if (!secure) worse(hsts ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag')
    if (name.includes('csrf') && sameSite === undefined) worse('cookies-anticsrf-without-samesite-flag')
    if (session && !secure) worse(hsts ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag')
    if (session && !attr.has('httponly')) worse('cookies-session-without-httponly-flag')
    if (sameSite === undefined) missingSameSite = true
  }
  if (worst >= 0) return COOKIE_BADNESS[worst]!
  return missingSameSite ? 'cookies-secure-with-httponly-sessions' : 'cookies-secure-with-httponly-sessions-and-samesite'
}

const corsResult = (h: Headers, origin: string): string => {
  const acao = one(h, 'access-control-allow-origin')?.trim()
  if (!acao) return 'cross-origin-resource-sharing-not-implemented'
  if (acao === '*') return 'cross-origin-resource-sharing-implemented-with-public-access'
  const credentials = one(h, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true'
  return acao === origin && credentials ? 'cross-origin-resource-sharing-implemented-with-universal-access' : 'cross-origin-resource-sharing-implemented-with-restricted-access'
}

/** The first redirect only is followed, so a first hop to plain http counts as never reaching HTTPS. */
const REDIRECTS: Readonly<Record<string, string>> = {
  'redirect-https': 'redirection-to-https',
  'not-served': 'redirection-not-needed-no-http',
  'redirect-https-other-host': 'redirection-off-host-from-http',
  'redirect-plain': 'redirection-not-to-https',
  served: 'redirection-missing',
}

const PRIVATE_REFERRER = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'])
const UNSAFE_REFERRER = new Set(['origin', 'origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade'])

/** Browsers use the last token they recognise (Referrer Policy §11.1). */
const referrerResult = (h: Headers): string => {
  const v = one(h, 'referrer-policy')
  if (v === undefined) return 'referrer-policy-not-implemented'
  const known = v.split(',').map((t) => t.trim().toLowerCase()).filter((t) => PRIVATE_REFERRER.has(t) || UNSAFE_REFERRER.has(t))
  const last = known.at(-1)
  return last === undefined ? 'referrer-policy-header-invalid' : PRIVATE_REFERRER.has(last) ? 'referrer-policy-private' : 'referrer-policy-unsafe'
}

const xctoResult = (h: Headers): string => {
  const v = all(h, 'x-content-type-options')[0]
  if (v === undefined) return 'x-content-type-options-not-implemented'
  return v.split(',')[0]!.trim().toLowerCase() === 'nosniff' ? 'x-content-type-options-nosniff' : 'x-content-type-options-header-invalid'
}

const xfoResult = (h: Headers, csp: Policy | undefined): string => {
  const ancestors = csp?.get('frame-ancestors')
  if (ancestors && ![...ancestors].some((s) => DANGEROUSLY_BROAD.has(s))) return 'x-frame-options-implemented-via-csp'
  const v = one(h, 'x-frame-options')?.trim().toLowerCase()
  if (v === undefined) return 'x-frame-options-not-implemented'
  if (v === 'deny' || v === 'sameorigin') return 'x-frame-options-sameorigin-or-deny'
  return v.startsWith('allow-from ') ? 'x-frame-options-allow-from-origin' : 'x-frame-options-header-invalid'
}

const corpResult = (h: Headers): string => {
  const v = one(h, 'cross-origin-resource-policy')?.trim().toLowerCase()
  if (v === undefined) return 'cross-origin-resource-policy-not-implemented'
  const known: Record<string, string> = {
    'same-origin': 'cross-origin-resource-policy-implemented-with-same-origin',
    'same-site': 'cross-origin-resource-policy-implemented-with-same-site',
    'cross-origin': 'cross-origin-resource-policy-implemented-with-cross-origin',
  }
  return known[v] ?? 'cross-origin-resource-policy-header-invalid'
}

/** `<script …>` start tags with their attributes (names lower-cased), outside comments. */
export const scriptTags = (html: string): Map<string, string>[] => {
  const text = html.replace(/<!--[\s\S]*?-->/g, '')
  const tags: Map<string, string>[] = []
  for (const m of text.matchAll(/<script\b([^>]*)>/gi)) {
    const attrs = new Map<string, string>()
    for (const a of m[1]!.matchAll(/([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      const name = a[1]!.toLowerCase()
      if (!attrs.has(name)) attrs.set(name, a[2] ?? a[3] ?? a[4] ?? '')
    }
    tags.push(attrs)
  }
  return tags
}

const sriResult = (h: Headers, url: string, body: string | undefined): string => {
  const type = one(h, 'content-type')?.toLowerCase() ?? ''
  if (!type.startsWith('text/html') && !type.startsWith('application/xhtml+xml')) return 'sri-not-implemented-response-not-html'
  const page = new URL(url)
  const scripts = scriptTags(body ?? '').filter((t) => t.has('src'))
  if (scripts.length === 0) return 'sri-not-implemented-but-no-scripts-loaded'
  const judged = scripts.map((t) => {
    const src = t.get('src')!.trim()
    let to: URL | undefined
    try {
      to = new URL(src, page)
    } catch {
      to = undefined
    }
    const sameOrigin = to !== undefined && to.host === page.host && !src.startsWith('//')
    return {sameOrigin, secure: to?.protocol === 'https:' && !src.startsWith('//'), integrity: Boolean(t.get('integrity'))}
  })
  const external = judged.filter((s) => !s.sameOrigin)
  if (external.length === 0) return judged.every((s) => s.integrity) ? 'sri-implemented-and-all-scripts-loaded-securely' : 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin'
  const withSri = external.every((s) => s.integrity)
  if (external.some((s) => !s.secure)) return withSri ? 'sri-implemented-but-external-scripts-not-loaded-securely' : 'sri-not-implemented-and-external-scripts-not-loaded-securely'
  return withSri ? 'sri-implemented-and-external-scripts-loaded-securely' : 'sri-not-implemented-but-external-scripts-loaded-securely'
}

export const gradeOf = (score: number): string => {
  const rounded = Math.min(score - (score % 5), 100)
  return GRADE_CHART.find(([min]) => rounded >= min)![1]
}

/** Observatory's sum: every penalty counts, bonuses only when the penalties alone leave an A. */
export const scoreOf = (modifiers: readonly number[]): number => {
  const uncurved = BASELINE_SCORE + modifiers.filter((m) => m < 0).reduce((a, b) => a + b, 0)
  const withBonus = BASELINE_SCORE + modifiers.reduce((a, b) => a + b, 0)
  return Math.max(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withBonus : uncurved, 0)
}

/** MDN HTTP Observatory's tests and score for one HTTPS response, from headers (and body) already fetched. Pure. */
export const observatoryScore = (input: ObservatoryInput): ObservatoryFacts => {
  const https = input.url.startsWith('https:')
  const csp = cspResult(input.headers, https)
  const notScored: string[] = []
  const results: [string, string | undefined][] = [
    ['content-security-policy', csp.result],
    ['cookies', cookiesResult(input.headers)],
    ['cross-origin-resource-sharing', corsResult(input.headers, input.originSent)],
    ['redirection', input.redirectOutcome ? REDIRECTS[input.redirectOutcome] : undefined],
    ['referrer-policy', referrerResult(input.headers)],
    ['strict-transport-security', hstsResult(input.headers)],
    ['subresource-integrity', sriResult(input.headers, input.url, input.body)],
    ['x-content-type-options', xctoResult(input.headers)],
    ['x-frame-options', xfoResult(input.headers, csp.policy)],
    ['cross-origin-resource-policy', corpResult(input.headers)],
  ]
  if (!results.find(([t]) => t === 'redirection')![1]) notScored.push('redirection: what plain HTTP does could not be told')
  if (input.bodyTruncated) notScored.push('subresource-integrity: judged on the first part of the page only (size cap)')
  notScored.push('HSTS preload list, crossdomain.xml and <meta> policies: not consulted (one response only)')
  const tests = results.filter((r): r is [string, string] => r[1] !== undefined).map(([test, result]) => ({test, result, modifier: MODIFIERS[result]!}))
  const score = scoreOf(tests.map((t) => t.modifier))
  const judgedScore = scoreOf(tests.filter((t) => !JUDGED_ELSEWHERE.includes(t.test)).map((t) => t.modifier))
  const costs = tests.filter((t) => t.modifier < 0).sort((a, b) => a.modifier - b.modifier).map((t) => `${t.result} (${t.modifier})`)
  return {scoring: OBSERVATORY_SOURCE, score, grade: gradeOf(score), judgedScore, judgedGrade: gradeOf(judgedScore), tests, costs, notScored}
}
