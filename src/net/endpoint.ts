import net from 'node:net'

import type {ProxyRoute} from './proxy.js'

export interface TlsTarget {
  readonly host: string
  readonly port: number
  /** SNI name; absent for IP literals, which SNI must not carry (RFC 6066 §3). */
  readonly servername?: string
  /** "host:port" as reports show it. */
  readonly label: string
  /** The egress proxy the handshakes are tunnelled through (HTTP CONNECT), when the network has one. */
  readonly via?: ProxyRoute
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = {'https:': 443, 'dicom-tls:': 2762, 'tls:': 443, 'http:': 80}

/** Where a TLS handshake for an endpoint URL goes. */
export const tlsTargetOf = (url: string): TlsTarget => {
  const u = new URL(url)
  const host = u.hostname.replace(/^\[|\]$/g, '')
  const port = u.port ? Number(u.port) : (DEFAULT_PORTS[u.protocol] ?? 443)
  return {host, port, ...(net.isIP(host) ? {} : {servername: host}), label: `${net.isIPv6(host) ? `[${host}]` : host}:${port}`}
}
