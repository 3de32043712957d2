import http from 'node:http'
import https from 'node:https'
import tls from 'node:tls'

export interface FetchOnceOptions {
  /** Hard deadline for the whole exchange: a server that dribbles bytes cannot hold us past it. */
  readonly timeoutMs: number
  readonly maxBytes: number
  readonly ca?: readonly string[]
  readonly headers?: Readonly<Record<string, string>>
}

export type FetchOnceResult =
  | {readonly kind: 'response'; readonly status: number; readonly headers: Readonly<Record<string, string | string[] | undefined>>; readonly bytes: number}
  | {readonly kind: 'error'; readonly reason: string; readonly code?: string}

const WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (nothing listens on that port)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved',
  ECONNRESET: 'the server reset the connection',
  EPROTO: 'the server does not answer with TLS',
  HPE_INVALID_CONSTANT: 'the server does not answer with HTTP',
}

/**
 * One GET, no redirects followed, with a hard deadline and a response-size cap. Certificates are not
 * verified here: the TLS probe judges them, and this probe must still see the headers of a badly set-up server.
 */
export const fetchOnce = (url: string, opts: FetchOnceOptions): Promise<FetchOnceResult> =>
  new Promise((resolve) => {
    let settled = false
    let req: http.ClientRequest | undefined
    const finish = (r: FetchOnceResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req?.destroy()
      resolve(r)
    }
    const timer = setTimeout(() => finish({kind: 'error', code: 'ETIMEDOUT', reason: `no complete HTTP answer within ${opts.timeoutMs} ms`}), opts.timeoutMs)
    try {
      const u = new URL(url)
      const mod = u.protocol === 'https:' ? https : http
      req = mod.request(
        u,
        {
          method: 'GET',
          headers: {'user-agent': 'scanvet (vendor security assessment)', accept: '*/*', ...opts.headers},
          agent: false,
          ...(u.protocol === 'https:' ? {rejectUnauthorized: false, ...(opts.ca?.length ? {ca: [...tls.rootCertificates, ...opts.ca]} : {})} : {}),
        },
        (res) => {
          let bytes = 0
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length
            // Headers are what we came for; a body larger than the cap is cut off, not read into memory.
            if (bytes > opts.maxBytes) finish({kind: 'response', status: res.statusCode ?? 0, headers: res.headers, bytes})
          })
          res.on('end', () => finish({kind: 'response', status: res.statusCode ?? 0, headers: res.headers, bytes}))
          res.on('error', (e: NodeJS.ErrnoException) => finish({kind: 'error', code: e.code, reason: WORDS[e.code ?? ''] ?? e.message}))
        },
      )
      req.on('error', (e: NodeJS.ErrnoException) => finish({kind: 'error', ...(e.code ? {code: e.code} : {}), reason: WORDS[e.code ?? ''] ?? `${e.code ?? 'error'}: ${e.message.split('\n')[0]}`}))
      req.end()
    } catch (error) {
      finish({kind: 'error', reason: (error as Error).message})
    }
  })
