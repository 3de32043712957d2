import net from 'node:net'
import tls from 'node:tls'

import {Agent, type AgentConnectOpts} from 'agent-base'
import {HttpProxyAgent} from 'http-proxy-agent'

import {openTunnel, type ConnectOptions} from './tunnel.js'
import type {ProxyRoute} from './proxy.js'

export interface TlsPolicy {
  /** Extra trust anchors (PEM), added to the system roots. */
  readonly ca?: readonly string[]
  /** false only for probes that must see a badly set-up server's headers; the TLS probe judges the certificate. */
  readonly verify: boolean
}

/**
 * One connection per request (no keep-alive: a probe must not reuse a socket another check opened), direct or
 * through an HTTP CONNECT tunnel, with the TLS policy applied to the endpoint, never to the proxy.
 */
class EndpointAgent extends Agent {
  constructor(
    private readonly policy: TlsPolicy,
    private readonly route: ProxyRoute | undefined,
    private readonly connect_: ConnectOptions,
  ) {
    super({keepAlive: false})
  }

  async connect(_req: Parameters<Agent['connect']>[0], opts: AgentConnectOpts): Promise<net.Socket> {
    const host = String(opts.host ?? 'localhost').replace(/^\[|\]$/g, '')
    const port = Number(opts.port)
    const raw = this.route ? await openTunnel(this.route, host, port, this.connect_) : undefined
    if (!opts.secureEndpoint) return raw ?? net.connect({host, port})
    // A TLS-inspecting proxy's CA is trusted for the endpoint too: that is how such a network works. The TLS
    // probe, which measures the vendor's own certificate, detects and reports the interception instead.
    const ca = [...(this.policy.ca ?? []), ...(this.route?.ca ?? [])]
    return tls.connect({
      ...(raw ? {socket: raw} : {host, port}),
      servername: net.isIP(host) ? undefined : (opts.servername ?? host),
      rejectUnauthorized: this.policy.verify,
      ...(ca.length ? {ca: [...tls.rootCertificates, ...ca]} : {}),
      ALPNProtocols: ['http/1.1'],
    })
  }
}

/**
 * The agent for one request: a CONNECT tunnel through the proxy, or (`relay`, for plain http where a proxy refuses
 * CONNECT to port 80, as squid does by default) the absolute-form request proxies relay.
 */
export const agentFor = (target: URL, policy: TlsPolicy, route: ProxyRoute | undefined, connect: ConnectOptions, relay = false): Agent => {
  if (route && relay && target.protocol === 'http:') {
    return new HttpProxyAgent(route.url, {keepAlive: false, headers: route.authorization ? {'Proxy-Authorization': route.authorization} : {}, ...(route.ca ? {ca: [...tls.rootCertificates, ...route.ca]} : {})})
  }
  return new EndpointAgent(policy, route, connect)
}
