import {describe, expect, it} from 'vitest'

import {MODIFIERS} from '../../src/probes/http/data/observatory-scoring.js'
import {gradeOf, observatoryScore, type ObservatoryInput} from '../../src/probes/http/observatory.js'

/**
 * MDN HTTP Observatory scoring of one response. A generated corpus: for each of the ten tests, variants of the
 * headers (or body, or redirect) with the result Observatory's rules give them, written here from those rules;
 * a portal is one variant per test, drawn with a seed, and the expected score is added up from the variants'
 * results. Hand-worked portals pin the absolute numbers.
 */
type H = Record<string, string | string[]>
interface Variant {
  readonly headers?: H
  readonly body?: string
  readonly redirect?: string
  readonly result: string
}

const HTML = {'content-type': 'text/html; charset=utf-8'}
const JSON_TYPE = {'content-type': 'application/json'}

const VARIANTS: Readonly<Record<string, readonly Variant[]>> = {
  'content-security-policy': [
    {result: 'csp-not-implemented'},
    {headers: {'content-security-policy-report-only': "default-src 'none'"}, result: 'csp-not-implemented-but-reporting-enabled'},
    {headers: {'content-security-policy': "default-src 'none'"}, result: 'csp-implemented-with-no-unsafe-default-src-none'},
    {headers: {'content-security-policy': "default-src 'self'"}, result: 'csp-implemented-with-no-unsafe'},
    {headers: {'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'"}, result: 'csp-implemented-with-unsafe-inline'},
    {headers: {'content-security-policy': "default-src 'self'; script-src 'self' 'nonce-abc' 'unsafe-inline'"}, result: 'csp-implemented-with-no-unsafe'},
    {headers: {'content-security-policy': "script-src 'self'; object-src 'none'"}, result: 'csp-implemented-with-unsafe-inline-in-style-src-only'},
    {headers: {'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-eval'"}, result: 'csp-implemented-with-unsafe-eval'},
    {headers: {'content-security-policy': "default-src 'self'; script-src 'self' http://cdn.example"}, result: 'csp-implemented-with-insecure-scheme'},
    {headers: {'content-security-policy': "default-src 'self'; img-src 'self' http://img.example"}, result: 'csp-implemented-with-insecure-scheme-in-passive-content-only'},
    {headers: {'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'"}, result: 'csp-implemented-with-unsafe-inline-in-style-src-only'},
    {headers: {'content-security-policy': "frame-ancestors 'none'"}, result: 'csp-implemented-with-unsafe-inline'},
    {headers: {'content-security-policy': "default-src 'self'; script-src 'strict-dynamic'"}, result: 'csp-header-invalid'},
    {headers: {'content-security-policy': 'default-src {}[]'.replace('default-src ', '@@@ ')}, result: 'csp-header-invalid'},
    // Two enforced policies: only what both allow, so the stricter script-src wins.
    {headers: {'content-security-policy': ["default-src 'self'; script-src 'self' 'unsafe-inline'", "script-src 'self'"]}, result: 'csp-implemented-with-no-unsafe'},
  ],
  cookies: [
    {result: 'cookies-not-found'},
    {headers: {'set-cookie': ['prefs=1; Secure; SameSite=Lax', 'sessionid=x; Secure; HttpOnly; SameSite=Strict']}, result: 'cookies-secure-with-httponly-sessions-and-samesite'},
    {headers: {'set-cookie': ['sessionid=x; Secure; HttpOnly']}, result: 'cookies-secure-with-httponly-sessions'},
    {headers: {'set-cookie': ['sessionid=x; HttpOnly; SameSite=Lax']}, result: 'cookies-session-without-secure-flag'},
    {headers: {'set-cookie': ['login_token=x; Secure; SameSite=Lax']}, result: 'cookies-session-without-httponly-flag'},
    {headers: {'set-cookie': ['csrftoken=x; Secure']}, result: 'cookies-anticsrf-without-samesite-flag'},
    {headers: {'set-cookie': ['theme=dark; Secure; SameSite=Bogus']}, result: 'cookies-samesite-flag-invalid'},
  ],
  'cross-origin-resource-sharing': [
    {result: 'cross-origin-resource-sharing-not-implemented'},
    {headers: {'access-control-allow-origin': '*'}, result: 'cross-origin-resource-sharing-implemented-with-public-access'},
    {headers: {'access-control-allow-origin': 'https://partner.example'}, result: 'cross-origin-resource-sharing-implemented-with-restricted-access'},
    {headers: {'access-control-allow-origin': 'https://probe.invalid', 'access-control-allow-credentials': 'true'}, result: 'cross-origin-resource-sharing-implemented-with-universal-access'},
  ],
  redirection: [
    {redirect: 'redirect-https', result: 'redirection-to-https'},
    {redirect: 'not-served', result: 'redirection-not-needed-no-http'},
    {redirect: 'redirect-https-other-host', result: 'redirection-off-host-from-http'},
    {redirect: 'redirect-plain', result: 'redirection-not-to-https'},
    {redirect: 'served', result: 'redirection-missing'},
  ],
  'referrer-policy': [
    {result: 'referrer-policy-not-implemented'},
    {headers: {'referrer-policy': 'no-referrer'}, result: 'referrer-policy-private'},
    {headers: {'referrer-policy': 'unsafe-url, strict-origin-when-cross-origin'}, result: 'referrer-policy-private'},
    {headers: {'referrer-policy': 'no-referrer-when-downgrade'}, result: 'referrer-policy-unsafe'},
    {headers: {'referrer-policy': 'nonsense'}, result: 'referrer-policy-header-invalid'},
  ],
  'strict-transport-security': [
    {result: 'hsts-not-implemented'},
    {headers: {'strict-transport-security': 'max-age=63072000; includeSubDomains'}, result: 'hsts-implemented-max-age-at-least-six-months'},
    {headers: {'strict-transport-security': 'max-age=86400'}, result: 'hsts-implemented-max-age-less-than-six-months'},
    {headers: {'strict-transport-security': 'includeSubDomains'}, result: 'hsts-header-invalid'},
  ],
  'subresource-integrity': [
    {headers: JSON_TYPE, body: '{"a":1}', result: 'sri-not-implemented-response-not-html'},
    {headers: HTML, body: '<html><body>hi</body></html>', result: 'sri-not-implemented-but-no-scripts-loaded'},
    {headers: HTML, body: '<script src="/app.js"></script><script>inline()</script>', result: 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin'},
    {headers: HTML, body: '<script src="/app.js" integrity="sha384-x"></script>', result: 'sri-implemented-and-all-scripts-loaded-securely'},
    {headers: HTML, body: '<SCRIPT SRC="https://cdn.example/lib.js"></SCRIPT>', result: 'sri-not-implemented-but-external-scripts-loaded-securely'},
    {headers: HTML, body: "<script src='https://cdn.example/lib.js' integrity='sha384-y' crossorigin></script>", result: 'sri-implemented-and-external-scripts-loaded-securely'},
    {headers: HTML, body: '<script src="http://cdn.example/lib.js"></script>', result: 'sri-not-implemented-and-external-scripts-not-loaded-securely'},
    {headers: HTML, body: '<script src="//cdn.example/lib.js" integrity="sha384-z"></script>', result: 'sri-implemented-but-external-scripts-not-loaded-securely'},
    {headers: HTML, body: '<!-- <script src="http://old.example/x.js"></script> --><p>no scripts</p>', result: 'sri-not-implemented-but-no-scripts-loaded'},
  ],
  'x-content-type-options': [
    {result: 'x-content-type-options-not-implemented'},
    {headers: {'x-content-type-options': 'nosniff'}, result: 'x-content-type-options-nosniff'},
    {headers: {'x-content-type-options': 'sniff-away'}, result: 'x-content-type-options-header-invalid'},
  ],
  'x-frame-options': [
    {result: 'x-frame-options-not-implemented'},
    {headers: {'x-frame-options': 'DENY'}, result: 'x-frame-options-sameorigin-or-deny'},
    {headers: {'x-frame-options': 'SAMEORIGIN'}, result: 'x-frame-options-sameorigin-or-deny'},
    {headers: {'x-frame-options': 'ALLOW-FROM https://a.example'}, result: 'x-frame-options-allow-from-origin'},
    {headers: {'x-frame-options': 'maybe'}, result: 'x-frame-options-header-invalid'},
  ],
  'cross-origin-resource-policy': [
    {result: 'cross-origin-resource-policy-not-implemented'},
    {headers: {'cross-origin-resource-policy': 'same-origin'}, result: 'cross-origin-resource-policy-implemented-with-same-origin'},
    {headers: {'cross-origin-resource-policy': 'same-site'}, result: 'cross-origin-resource-policy-implemented-with-same-site'},
    {headers: {'cross-origin-resource-policy': 'cross-origin'}, result: 'cross-origin-resource-policy-implemented-with-cross-origin'},
    {headers: {'cross-origin-resource-policy': 'nope'}, result: 'cross-origin-resource-policy-header-invalid'},
  ],
}

const merge = (picked: readonly Variant[]): ObservatoryInput => {
  const headers: Record<string, string | string[]> = {}
  for (const v of picked) Object.assign(headers, v.headers)
  const body = picked.find((v) => v.body !== undefined)?.body
  const redirect = picked.find((v) => v.redirect)?.redirect
  return {url: 'https://portal.example/login', headers, ...(body !== undefined ? {body} : {}), ...(redirect ? {redirectOutcome: redirect} : {}), originSent: 'https://probe.invalid'}
}

const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000)

describe('MDN HTTP Observatory scoring (generated corpus)', () => {
  const random = rng(61206)
  // The X-Frame-Options test reads the CSP too (frame-ancestors): corpus CSP variants carry no frame-ancestors
  // except the one whose XFO result is then "via CSP", handled below.
  const portals = Array.from({length: 600}, () => {
    const picked = Object.fromEntries(Object.entries(VARIANTS).map(([test, vs]) => [test, vs[Math.floor(random() * vs.length)]!]))
    const expected: Record<string, string> = Object.fromEntries(Object.entries(picked).map(([t, v]) => [t, v.result]))
    if (/frame-ancestors 'none'/.test(String(picked['content-security-policy']!.headers?.['content-security-policy'] ?? ''))) expected['x-frame-options'] = 'x-frame-options-implemented-via-csp'
    // Cookies read HSTS: a cookie without Secure is forgiven a little when HSTS (six months or more) is on.
    if (expected['strict-transport-security'] === 'hsts-implemented-max-age-at-least-six-months' && expected.cookies === 'cookies-session-without-secure-flag') expected.cookies = 'cookies-session-without-secure-flag-but-protected-by-hsts'
    return {input: merge(Object.values(picked)), expected}
  })

  it('gives every test the result its variant was written for, on all 600 portals', () => {
    const wrong: string[] = []
    for (const p of portals) {
      const got = Object.fromEntries(observatoryScore(p.input).tests.map((t) => [t.test, t.result]))
      for (const [test, result] of Object.entries(p.expected)) if (got[test] !== result) wrong.push(`${test}: ${got[test]} for ${JSON.stringify(p.input.headers)} ${p.input.body ?? ''}, expected ${result}`)
    }
    expect([...new Set(wrong)].slice(0, 10)).toEqual([])
  })

  it('adds the score up the way Observatory does: penalties always, bonuses only for an A', () => {
    for (const p of portals) {
      const mods = Object.values(p.expected).map((r) => MODIFIERS[r]!)
      const penalties = 100 + mods.filter((m) => m < 0).reduce((a, b) => a + b, 0)
      const expected = Math.max(penalties >= 90 ? 100 + mods.reduce((a, b) => a + b, 0) : penalties, 0)
      const got = observatoryScore(p.input)
      expect(got.score).toBe(expected)
      expect(got.grade).toBe(gradeOf(expected))
    }
    const grades = new Set(portals.map((p) => observatoryScore(p.input).grade))
    expect(grades.size).toBeGreaterThan(6)
  })
})

describe('MDN HTTP Observatory scoring (worked portals)', () => {
  const origin = 'https://probe.invalid'
  it('a careful portal: A+ (120)', () => {
    const r = observatoryScore({
      url: 'https://portal.example/',
      headers: {'content-security-policy': "default-src 'none'; frame-ancestors 'none'", 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff', 'strict-transport-security': 'max-age=63072000', ...JSON_TYPE},
      redirectOutcome: 'redirect-https',
      originSent: origin,
    })
    // +10 CSP default-src 'none', +5 Referrer-Policy private, +5 framing via CSP; penalties none.
    expect([r.score, r.grade, r.judgedScore, r.costs]).toEqual([120, 'A+', 120, []])
  })

  it('a portal with nothing: F (0), every cost listed worst first', () => {
    const r = observatoryScore({url: 'https://portal.example/', headers: HTML, body: '<script src="http://cdn.example/x.js"></script>', redirectOutcome: 'served', originSent: origin})
    expect([r.score, r.grade]).toEqual([0, 'F'])
    expect(r.costs[0]).toBe('sri-not-implemented-and-external-scripts-not-loaded-securely (-50)')
    expect(r.costs).toHaveLength(6)
  })

  it('no CSP, the rest right: 75 (B); the judged score leaves out HSTS and the redirect', () => {
    const headers = {'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', ...JSON_TYPE}
    const r = observatoryScore({url: 'https://portal.example/', headers, redirectOutcome: 'served', originSent: origin})
    // -25 CSP, -20 HSTS, -20 redirect: 35 (D); without HSTS and redirect: 75 (B).
    expect([r.score, r.grade, r.judgedScore, r.judgedGrade]).toEqual([35, 'D', 75, 'B'])
  })

  it('says what it could not score', () => {
    const r = observatoryScore({url: 'https://portal.example/', headers: HTML, body: '<p>', bodyTruncated: true, originSent: origin})
    expect(r.tests.map((t) => t.test)).not.toContain('redirection')
    expect(r.notScored.join(' ')).toMatch(/redirection.*subresource-integrity/)
  })
})
