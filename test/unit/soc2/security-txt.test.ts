import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {fetchLimited, redactUrl} from '../../../src/net/fetch-limited.js'
import {parseSecurityTxt, securityTxtUrl} from '../../../src/probes/soc2/security-txt.js'
import {readTrustPage} from '../../../src/probes/soc2/trust-page.js'
import {startEvidenceServer, type EvidenceServer} from '../../helpers/evidence-server.js'

const NOW = new Date('2026-11-15T00:00:00Z')

describe('security.txt (RFC 9116)', () => {
  it('reads the fields of a valid file', () => {
    const s = parseSecurityTxt('# our policy\nContact: mailto:sec@example.com\nContact: https://example.com/report\nExpires: 2027-01-01T00:00:00Z\nEncryption: https://example.com/pgp.asc\nCanonical: https://example.com/.well-known/security.txt\n', NOW)
    expect(s).toMatchObject({contact: ['mailto:sec@example.com', 'https://example.com/report'], expires: '2027-01-01T00:00:00Z', expired: false, signed: false, problems: []})
  })

  it('names what is wrong: no Contact, expired, bad contact URI', () => {
    expect(parseSecurityTxt('Expires: 2026-01-01T00:00:00Z\n', NOW).problems).toEqual(['no Contact field (required)', 'the file has expired'])
    expect(parseSecurityTxt('Contact: sec@example.com\n', NOW).problems).toEqual(['no Expires field (required)', 'Contact must be a mailto:, https:// or tel: URI: sec@example.com'])
  })

  it('reads the body of an OpenPGP clear-signed file', () => {
    const signed = '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: mailto:sec@example.com\nExpires: 2027-01-01T00:00:00Z\n-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n'
    expect(parseSecurityTxt(signed, NOW)).toMatchObject({signed: true, contact: ['mailto:sec@example.com'], problems: []})
  })

  it('lives under /.well-known of the endpoint origin', () => {
    expect(securityTxtUrl('https://api.example.com:8443/v1/studies')).toBe('https://api.example.com:8443/.well-known/security.txt')
  })

  it('a trust page: title and attestations named, scripts ignored', () => {
    expect(readTrustPage('<title> Acme Trust </title><script>var x = "HITRUST"</script><p>SOC 2 Type II, ISO/IEC 27001</p>')).toEqual({title: 'Acme Trust', mentions: ['SOC 2', 'ISO 27001']})
  })
})

describe('fetchLimited', () => {
  let server: EvidenceServer
  beforeAll(async () => {
    server = await startEvidenceServer()
    server.routes.set('/a', {status: 301, headers: {location: '/b'}})
    server.routes.set('/b', {type: 'text/plain', body: 'arrived'})
    server.routes.set('/downgrade', {status: 302, headers: {location: 'http://127.0.0.1:9/x'}})
  })
  afterAll(() => server?.close())
  const opts = () => ({timeoutMs: 3000, maxBytes: 1024, maxRedirects: 2, extraCa: [server.caPem]})

  it('follows a redirect within the limit and reports the hops', async () => {
    const r = await fetchLimited(`${server.origin}/a`, opts())
    expect(r).toMatchObject({status: 'ok', statusCode: 200, finalUrl: `${server.origin}/b`, redirects: [`${server.origin}/b`]})
    if (r.status === 'ok') expect(r.body.toString()).toBe('arrived')
  })

  it('refuses a redirect from https to http', async () => {
    expect(await fetchLimited(`${server.origin}/downgrade`, opts())).toMatchObject({status: 'error', reason: expect.stringMatching(/not an https:\/\/ URL/)})
  })

  it('does not trust the vendor CA unless given', async () => {
    expect(await fetchLimited(`${server.origin}/b`, {...opts(), extraCa: []})).toMatchObject({status: 'error', reason: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY|unable to verify/i)})
  })

  it('hides query strings, which can carry pre-signed tokens', () => {
    expect(redactUrl('https://portal.example.com/r.pdf?X-Amz-Signature=abc')).toBe('https://portal.example.com/r.pdf?[query hidden]')
  })
})
