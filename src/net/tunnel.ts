import net from 'node:net'
import tls from 'node:tls'

import {describeProxy, proxyFor, type ProxyPolicy, type ProxyRoute} from './proxy.js'

export interface ConnectOptions {
  readonly timeoutMs: number
  readonly signal?: AbortSignal
  readonly proxy?: ProxyPolicy
}

/** A connection failure in words a report can carry; the proxy's credentials never appear. */
export class ConnectError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** The proxy's HTTP status for a refused CONNECT. */
    readonly status?: number,
  ) {
    super(message)
  }
}

const MAX_CONNECT_REPLY = 16 * 1024

const waitConnected = (socket: net.Socket, event: 'connect' | 'secureConnect', opts: ConnectOptions, what: string): Promise<net.Socket> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new ConnectError(`${what}: no connection within ${opts.timeoutMs} ms`, 'ETIMEDOUT')), opts.timeoutMs)
    const onAbort = () => fail(new ConnectError(`${what}: cancelled`, 'ABORT_ERR'))
    const cleanup = () => {
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      socket.off('error', fail)
      socket.off(event, ok)
    }
    function fail(e: Error) {
      cleanup()
      socket.destroy()
      reject(e)
    }
    function ok() {
      cleanup()
      resolve(socket)
    }
    if (opts.signal?.aborted) return onAbort()
    opts.signal?.addEventListener('abort', onAbort, {once: true})
    socket.once('error', fail)
    socket.once(event, ok)
  })

/** An HTTP CONNECT tunnel through `route` to host:port: a raw byte stream to the endpoint, TLS untouched. */
export const openTunnel = async (route: ProxyRoute, host: string, port: number, opts: ConnectOptions): Promise<net.Socket> => {
  const proxyPort = Number(route.url.port) || (route.url.protocol === 'https:' ? 443 : 80)
  const proxyHost = route.url.hostname.replace(/^\[|\]$/g, '')
  const name = `proxy ${describeProxy(route)}`
  const socket =
    route.url.protocol === 'https:'
      ? await waitConnected(
          tls.connect({host: proxyHost, port: proxyPort, servername: net.isIP(proxyHost) ? undefined : proxyHost, ...(route.ca ? {ca: [...tls.rootCertificates, ...route.ca]} : {})}),
          'secureConnect',
          opts,
          name,
        )
      : await waitConnected(net.connect({host: proxyHost, port: proxyPort}), 'connect', opts, name)
  const authority = net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`, 'User-Agent: scanvet']
  if (route.authorization) lines.push(`Proxy-Authorization: ${route.authorization}`)
  socket.write(`${lines.join('\r\n')}\r\n\r\n`)
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0)
    const timer = setTimeout(() => fail(new ConnectError(`${name}: no answer to CONNECT within ${opts.timeoutMs} ms`, 'ETIMEDOUT')), opts.timeoutMs)
    const onAbort = () => fail(new ConnectError(`${name}: cancelled`, 'ABORT_ERR'))
    opts.signal?.addEventListener('abort', onAbort, {once: true})
    const cleanup = () => {
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      socket.off('data', onData)
      socket.off('error', onError)
      socket.off('end', onEnd)
    }
    function fail(e: Error) {
      cleanup()
      socket.destroy()
      reject(e)
    }
    function onError(e: NodeJS.ErrnoException) {
      fail(new ConnectError(`${name}: ${e.code ?? 'error'} while opening the tunnel`, e.code ?? 'EPROXY'))
    }
    function onEnd() {
      fail(new ConnectError(`${name} closed the connection instead of answering CONNECT`, 'EPROXY'))
    }
    function onData(chunk: Buffer) {
      buf = Buffer.concat([buf, chunk])
      const end = buf.indexOf('\r\n\r\n')
      if (end < 0) {
        if (buf.length > MAX_CONNECT_REPLY) fail(new ConnectError(`${name} sent an oversized answer to CONNECT`, 'EPROXY'))
        return
      }
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(buf.subarray(0, end).toString('latin1'))
      const code = status ? Number(status[1]) : 0
      if (code < 200 || code > 299) {
        const why = code === 407 ? 'wants credentials (set SCANVET_PROXY_USER and SCANVET_PROXY_PASSWORD)' : code ? `refused the tunnel (HTTP ${code})` : 'did not answer CONNECT with HTTP'
        // 500 (tinyproxy), 502/503/504 (squid and most others): the proxy tried and could not reach the endpoint, which is what a refused port looks like from behind it.
        const unreachable = code === 500 || code === 502 || code === 503 || code === 504
        fail(new ConnectError(unreachable ? `${name} could not reach ${authority} (HTTP ${code})` : `${name} ${why} to ${authority}`, code === 407 ? 'EPROXYAUTH' : unreachable ? 'EPROXYUNREACHABLE' : 'EPROXY', code || undefined))
        return
      }
      cleanup()
      const rest = buf.subarray(end + 4)
      if (rest.length > 0) socket.unshift(rest)
      resolve(socket)
    }
    socket.on('data', onData)
    socket.once('error', onError)
    socket.once('end', onEnd)
  })
}

/**
 * A TCP connection to host:port, directly or through the proxy the policy names for `forUrl`: the one way the
 * TLS probe's raw handshakes and the HTTP client reach an endpoint.
 */
export const connectTcp = async (host: string, port: number, forUrl: string, opts: ConnectOptions): Promise<{socket: net.Socket; via?: ProxyRoute}> => {
  const route = proxyFor(forUrl, opts.proxy)
  if (route) return {socket: await openTunnel(route, host, port, opts), via: route}
  return {socket: await waitConnected(net.connect({host, port}), 'connect', opts, `${host}:${port}`)}
}
