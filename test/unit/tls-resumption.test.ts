import {describe, expect, it} from 'vitest'

import type {HandshakeOptions, HandshakeResult} from '../../src/probes/tls/handshake.js'
import {probeResumption} from '../../src/probes/tls/resumption.js'

/**
 * The decisions of probeResumption on scripted handshake outcomes (the real servers are in the interop corpus):
 * one resumption seen is enough for "resumes"; "does not" needs every offered version tried to the end; a
 * handshake that fails makes the fact unobserved, never a "no".
 */
const tlv = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag, body.length]), body])
const session = (o: {ticket?: boolean; id?: boolean; early?: number}) =>
  tlv(
    0x30,
    Buffer.concat([
      tlv(0x02, Buffer.from([1])),
      tlv(0x04, Buffer.from([0x13, 0x01])),
      tlv(0x04, o.id ? Buffer.alloc(32, 1) : Buffer.alloc(0)),
      ...(o.ticket ? [tlv(0xaa, tlv(0x04, Buffer.alloc(16, 2)))] : []),
      ...(o.early ? [tlv(0xaf, tlv(0x02, Buffer.from([o.early >> 8, o.early & 0xff])))] : []),
    ]),
  )
const connected = (extra: {session?: Buffer; reused?: boolean}): HandshakeResult => ({
  kind: 'connected',
  protocol: 'TLSv1.3',
  cipher: {name: 'x', standardName: 'x', version: 'x'},
  authorized: true,
  ocspStapled: false,
  ...extra,
})
type Server = (o: HandshakeOptions) => HandshakeResult
const runner = (server: Server) => {
  const calls: HandshakeOptions[] = []
  return {calls, run: async (o: HandshakeOptions) => (calls.push(o), server(o))}
}
const base = {timeoutMs: 1000}

describe('session resumption decisions', () => {
  it('a server resuming TLS 1.3 tickets and TLS 1.2 session IDs but issuing no TLS 1.2 ticket: four handshakes, no ID-only retry', async () => {
    const {calls, run} = runner((o) => {
      const v13 = o.maxVersion === 'TLSv1.3'
      if (o.resume?.session) return connected({reused: true})
      return connected({reused: false, session: v13 ? session({ticket: true, early: 16384}) : session({id: true})})
    })
    const r = await probeResumption(['TLSv1.2', 'TLSv1.3'], run, base)
    expect(r.resumption).toEqual({
      kind: 'observed',
      facts: {resumed: true, tls13: {offered: true, ticketIssued: true}, tls12: {ticket: false, sessionId: true}, mechanisms: 'TLS 1.3 session ticket (PSK), TLS 1.2 session ID'},
    })
    expect(r.earlyData).toEqual({kind: 'observed', facts: {accepted: true, maxSize: 16384, basis: 'its TLS 1.3 session ticket allows 16384 bytes of early data'}})
    expect(calls).toHaveLength(4)
    expect(calls.every((c) => c.resume?.noTicket === false)).toBe(true)
  })

  it('a TLS 1.2 ticket issued: a second chain without the ticket extension asks the session-ID cache', async () => {
    const {calls, run} = runner((o) => (o.resume?.session ? connected({reused: !o.resume.noTicket}) : connected({reused: false, session: session({ticket: !o.resume?.noTicket, id: true})})))
    const r = await probeResumption(['TLSv1.2'], run, base)
    expect(r.resumption).toMatchObject({kind: 'observed', facts: {resumed: true, tls12: {ticket: true, sessionId: false}}})
    expect(calls.filter((c) => c.resume?.noTicket)).toHaveLength(2)
    expect(r.earlyData).toBeUndefined()
  })

  it('nothing resumed anywhere, every version tried to the end: resumed false; no ticket: early data not accepted', async () => {
    const {calls, run} = runner((o) => connected({reused: false, ...(o.maxVersion === 'TLSv1.2' ? {session: session({id: true})} : {})}))
    const r = await probeResumption(['TLSv1.2', 'TLSv1.3'], run, base)
    expect(r.resumption).toEqual({
      kind: 'observed',
      facts: {resumed: false, tls13: {offered: false, ticketIssued: false}, tls12: {ticket: false, sessionId: false}, mechanisms: 'tried TLS 1.3 session tickets, TLS 1.2 session tickets and session IDs'},
    })
    expect(r.earlyData).toEqual({kind: 'observed', facts: {accepted: false, basis: 'the server issued no TLS 1.3 session ticket, and early data needs one'}})
    // TLS 1.3 without a ticket has nothing to offer back: one handshake, not two.
    expect(calls.filter((c) => c.maxVersion === 'TLSv1.3')).toHaveLength(1)
  })

  it('a failed handshake with nothing resumed is unobserved (could not be checked), never "does not resume"', async () => {
    const {run} = runner((o) =>
      o.maxVersion === 'TLSv1.3' ? {kind: 'network-error', code: 'ETIMEDOUT', reason: 'no TLS handshake within 1000 ms'} : connected({reused: false, session: session({id: true})}),
    )
    const r = await probeResumption(['TLSv1.2', 'TLSv1.3'], run, base)
    expect(r.resumption).toEqual({kind: 'unobserved', reason: 'session resumption could not be tried (a full TLSv1.3 handshake failed: no TLS handshake within 1000 ms)'})
    expect(r.earlyData).toMatchObject({kind: 'unobserved'})
  })

  it('one resumption seen decides "resumes" even when the other version broke off', async () => {
    const {run} = runner((o) =>
      o.maxVersion === 'TLSv1.2' ? {kind: 'refused', reason: 'alert handshake_failure'} : o.resume?.session ? connected({reused: true}) : connected({session: session({ticket: true})}),
    )
    const r = await probeResumption(['TLSv1.2', 'TLSv1.3'], run, base)
    expect(r.resumption).toMatchObject({kind: 'observed', facts: {resumed: true, tls12: {problem: 'a full TLSv1.2 handshake failed: alert handshake_failure'}}})
  })

  it('neither TLS 1.2 nor 1.3 offered: nothing tried', async () => {
    const {calls, run} = runner(() => connected({}))
    expect(await probeResumption(['TLSv1', 'TLSv1.1'], run, base)).toEqual({})
    expect(calls).toEqual([])
  })
})
