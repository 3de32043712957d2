import {execFile} from 'node:child_process'
import {promisify} from 'node:util'

const run = promisify(execFile)

export interface SslscanResult {
  /** TLS versions sslscan found enabled, in scanvet's spelling (TLSv1, TLSv1.1, TLSv1.2, TLSv1.3). */
  readonly protocols: string[]
  /** "TLSv1.2 0xC02F" for every accepted suite. */
  readonly suites: string[]
}

const VERSION: Readonly<Record<string, string>> = {'1.0': 'TLSv1', '1.1': 'TLSv1.1', '1.2': 'TLSv1.2', '1.3': 'TLSv1.3'}

/** Run Debian's sslscan against host:port and read its --xml report. */
export const sslscan = async (host: string, port: number): Promise<SslscanResult> => {
  const {stdout} = await run('sslscan', ['--no-colour', '--no-heartbleed', '--xml=-', `${host}:${port}`], {timeout: 60_000, maxBuffer: 16 * 1024 * 1024})
  const xml = stdout.slice(stdout.indexOf('<?xml'))
  const protocols = [...xml.matchAll(/<protocol type="tls" version="([\d.]+)" enabled="1"/g)].map((m) => VERSION[m[1]!]!)
  const suites = [...xml.matchAll(/<cipher status="\w+" sslversion="(TLSv[\d.]+)"[^>]*\bid="(0x[0-9A-Fa-f]+)"/g)].map((m) => `${m[1] === 'TLSv1.0' ? 'TLSv1' : m[1]} ${m[2]!.toUpperCase().replace('0X', '0x')}`)
  if (!/<ssltest /.test(xml)) throw new Error(`sslscan gave no result: ${xml.slice(0, 500)}`)
  return {protocols, suites: suites.sort()}
}
