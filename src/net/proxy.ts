import {X509Certificate} from 'node:crypto'

/**
 * The egress proxy, as scanvet.yaml's `network.proxy` gives it. Credentials never live here: a proxy that needs
 * them gets them from SCANVET_PROXY_USER / SCANVET_PROXY_PASSWORD, or from the userinfo of HTTPS_PROXY.
 */
export interface ProxySettings {
  /** http://host:port (or https://) of the proxy; overrides HTTPS_PROXY / HTTP_PROXY. */
  readonly url?: string
  /** Hosts reached directly, NO_PROXY grammar: `host`, `.domain`, `*.domain`, `host:port`, `*`. */
  readonly noProxy?: readonly string[]
  /** PEM certificates of the proxy's own CA (an HTTPS proxy, or one that inspects TLS). */
  readonly ca?: readonly string[]
}

/** Where the proxy route comes from: the workspace's settings and the process environment. */
export interface ProxyPolicy {
  readonly settings?: ProxySettings
  readonly env: Readonly<Record<string, string | undefined>>
}

export interface ProxyRoute {
  readonly url: URL
  /** `Proxy-Authorization` value, or undefined; never logged, never part of an error. */
  readonly authorization?: string
  readonly ca?: readonly string[]
}

const envOf = (env: ProxyPolicy['env'], name: string): string => env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? ''

const DEFAULT_PORTS: Readonly<Record<string, number>> = {'http:': 80, 'https:': 443}

/** curl's NO_PROXY grammar: a bare name matches itself and its subdomains; `.x`/`*.x` subdomains; `*` all. */
export const bypassesProxy = (target: URL, noProxy: readonly string[]): boolean => {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0
  return noProxy.some((raw) => {
    const entry = raw.trim().toLowerCase()
    if (!entry) return false
    if (entry === '*') return true
    // A bare IPv6 address has colons of its own; only [addr]:port or name:port carries a port.
    const m = entry.startsWith('[') ? /^\[([^\]]+)\](?::(\d+))?$/.exec(entry) : (entry.match(/:/g) ?? []).length > 1 ? [entry, entry] : /^(.+?)(?::(\d+))?$/.exec(entry)
    if (!m) return false
    const [, name = '', p] = m
    if (p && Number(p) !== port) return false
    const bare = name.replace(/^\*?\./, '')
    return host === bare || host.endsWith(`.${bare}`)
  })
}

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

/** The proxy a request to `target` goes through, or undefined for a direct connection. */
export const proxyFor = (target: URL | string, policy: ProxyPolicy | undefined): ProxyRoute | undefined => {
  if (!policy) return undefined
  const url = typeof target === 'string' ? new URL(target) : target
  const {settings, env} = policy
  const noProxy = [...(settings?.noProxy ?? []), ...envOf(env, 'no_proxy').split(/[,\s]+/)]
  if (bypassesProxy(url, noProxy)) return undefined
  const https = url.protocol === 'https:' || url.protocol === 'tls:' || url.protocol === 'dicom-tls:'
  const raw = settings?.url ?? (https ? envOf(env, 'https_proxy') : envOf(env, 'http_proxy')) ?? ''
  const chosen = raw || envOf(env, 'all_proxy')
  if (!chosen) return undefined
  let proxy: URL
  try {
    proxy = new URL(chosen.includes('://') ? chosen : `http://${chosen}`)
  } catch {
    throw new Error('the proxy setting is not a URL (HTTPS_PROXY / HTTP_PROXY / network.proxy.url)')
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') throw new Error(`the proxy must be http:// or https://, not ${proxy.protocol}`)
  const user = envOf(env, 'scanvet_proxy_user') || decodeURIComponent(proxy.username)
  const password = envOf(env, 'scanvet_proxy_password') || decodeURIComponent(proxy.password)
  proxy.username = ''
  proxy.password = ''
  return {url: proxy, ...(user ? {authorization: basic(user, password)} : {}), ...(settings?.ca?.length ? {ca: settings.ca} : {})}
}

/** How a report or log names the proxy: host and port, never credentials. */
export const describeProxy = (route: ProxyRoute): string => `${route.url.protocol}//${route.url.host}`

/**
 * A TLS-inspecting proxy re-signs the vendor's certificate with its own CA. When the chain a probe saw is issued
 * by the proxy's CA, the probe measured the proxy, not the vendor.
 */
export const issuedByProxyCa = (chainDer: readonly Buffer[], proxyCa: readonly string[] | undefined): boolean => {
  if (!proxyCa?.length || chainDer.length === 0) return false
  const anchors = proxyCa.flatMap((pem) => {
    try {
      return [new X509Certificate(pem)]
    } catch {
      return []
    }
  })
  return chainDer.some((der) => {
    try {
      const cert = new X509Certificate(der)
      return anchors.some((ca) => cert.fingerprint256 === ca.fingerprint256 || (cert.checkIssued(ca) && cert.verify(ca.publicKey)))
    } catch {
      return false
    }
  })
}

/** The policy of a probe run: the workspace's proxy settings and the run's environment. */
export const proxyPolicy = (ctx: {readonly network: {readonly proxy?: ProxySettings}; readonly env: ProxyPolicy['env']}): ProxyPolicy => ({
  ...(ctx.network.proxy ? {settings: ctx.network.proxy} : {}),
  env: ctx.env,
})
