import {spawn, type ChildProcess} from 'node:child_process'
import {promises as fs} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type {IssuedCertificate} from '../../src/net/issue-certificate.js'

export interface OpensslServer {
  readonly port: number
  readonly url: string
  close(): Promise<void>
}

/**
 * `openssl s_server` on 127.0.0.1, port chosen by the kernel (read back from its "ACCEPT host:port" line).
 * The interop suite uses it for what Node's own server cannot be made to do, and as a second implementation.
 * `www: false` leaves out `-www` (which `-early_data` refuses): s_server then echoes its stdin, so stdin is a
 * pipe kept open and silent (at end of input it would stop accepting).
 */
export const startOpensslServer = async (cert: IssuedCertificate, chain: string, args: readonly string[], opts: {www?: boolean} = {}): Promise<OpensslServer> => {
  const www = opts.www ?? true
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'scanvet-sserver-'))
  await fs.writeFile(path.join(dir, 'cert.pem'), cert.certPem + chain)
  await fs.writeFile(path.join(dir, 'key.pem'), cert.keyPem)
  const child: ChildProcess = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', '-cert', path.join(dir, 'cert.pem'), '-key', path.join(dir, 'key.pem'), ...(www ? ['-www'] : []), ...args], {
    stdio: [www ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  })
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      await exited
    }
    await fs.rm(dir, {recursive: true, force: true})
  }
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error(`openssl s_server did not start: ${stderr}`)), 10_000)
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /ACCEPT 127\.0\.0\.1:(\d+)/.exec(out)
        if (m) {
          clearTimeout(timer)
          resolve(Number(m[1]))
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`openssl s_server exited (${code}): ${stderr}`))
      })
    })
    return {port, url: `https://127.0.0.1:${port}/`, close: stop}
  } catch (error) {
    await stop()
    throw error
  }
}
