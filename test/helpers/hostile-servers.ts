import net, {type AddressInfo} from 'node:net'
import tls from 'node:tls'

import {CLEAN_CIPHERS} from './tls-fixture.js'

/**
 * Raw servers on 127.0.0.1 that misbehave in one way each, for the hostile part of the fixture corpus. Every
 * server, socket and timer is tracked so `closeAll` ends them all.
 */
export class HostileServers {
  private readonly servers: net.Server[] = []
  private readonly sockets = new Set<net.Socket>()
  private readonly timers = new Set<NodeJS.Timeout>()

  private track(s: net.Socket): void {
    this.sockets.add(s)
    s.on('error', () => {})
    s.on('close', () => this.sockets.delete(s))
  }

  private async listen(server: net.Server): Promise<number> {
    this.servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return (server.address() as AddressInfo).port
  }

  /** A TCP server calling `onConnection` for each accepted socket. */
  raw(onConnection: (s: net.Socket) => void): Promise<number> {
    return this.listen(
      net.createServer((s) => {
        this.track(s)
        onConnection(s)
      }),
    )
  }

  silent = () => this.raw(() => {})
  garbage = () => this.raw((s) => s.once('data', () => s.write(Buffer.from('\x00\xffthis is not TLS at all\r\n'.repeat(20), 'binary'))))
  sshBanner = () => this.raw((s) => s.write('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'))
  resetOnHello = () => this.raw((s) => s.once('data', () => s.resetAndDestroy()))
  /** A handshake record header, then one byte a second: never complete, never silent. */
  oneBytePerSecond = () =>
    this.raw((s) =>
      s.once('data', () => {
        s.write(Buffer.from([0x16, 0x03, 0x03, 0x40, 0x00]))
        const t = setInterval(() => (s.destroyed ? clearInterval(t) : s.write(Buffer.from([0x02]))), 1000)
        this.timers.add(t)
      }),
    )

  /**
   * In front of a real TLS server: passes the ClientHello on, returns the upstream's ServerHello (alone, in a
   * record of its own) and then resets the connection, as a crashing TLS terminator does. With `when`, only
   * connections whose ServerHello picks a suite `when` accepts are cut; the others pass through untouched.
   */
  resetAfterServerHello = (upstreamPort: number, when: (suite: number) => boolean = () => true) =>
    this.raw((client) => {
      const up = net.connect({host: '127.0.0.1', port: upstreamPort})
      this.track(up)
      client.on('data', (d) => up.write(d))
      let buf = Buffer.alloc(0)
      let decided = false
      let cut = false
      up.on('data', (d: Buffer) => {
        if (decided) return void client.write(d)
        buf = Buffer.concat([buf, d])
        if (buf.length < 9 || buf[0] !== 22) return
        const recLen = buf.readUInt16BE(3)
        const hsLen = (buf[6]! << 16) | (buf[7]! << 8) | buf[8]!
        if (buf.length < 5 + Math.min(recLen, 4 + hsLen)) return
        decided = true
        const hello = buf.subarray(5, 9 + hsLen)
        const sidLen = hello[4 + 34]!
        const suite = hello.readUInt16BE(4 + 35 + sidLen)
        if (!when(suite)) return void client.write(buf)
        const header = Buffer.from([22, buf[1]!, buf[2]!, hello.length >> 8, hello.length & 0xff])
        cut = true
        up.destroy()
        client.write(Buffer.concat([header, hello]), () => client.resetAndDestroy())
      })
      up.on('close', () => cut || client.destroy())
      client.on('close', () => up.destroy())
    })

  /** TLS completes (clean settings, the given certificate), then the HTTP request is never answered. */
  async tlsThenSilence(key: string, cert: string): Promise<number> {
    const server = tls.createServer({key, cert, minVersion: 'TLSv1.2', ciphers: CLEAN_CIPHERS}, (s) => this.track(s))
    server.on('connection', (s: net.Socket) => this.track(s))
    return this.listen(server)
  }

  /** Plain HTTP where TLS is expected: a redirect to https, or a page. */
  plainHttp = (answer: 'redirect' | 'page') =>
    this.raw((s) =>
      s.once('data', () =>
        s.end(
          answer === 'redirect'
            ? 'HTTP/1.1 301 Moved Permanently\r\nLocation: https://127.0.0.1/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'
            : 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello',
        ),
      ),
    )

  /** A port that was bound and released: nothing listens there. */
  async closedPort(): Promise<number> {
    const s = net.createServer()
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
    const port = (s.address() as AddressInfo).port
    await new Promise<void>((resolve) => s.close(() => resolve()))
    return port
  }

  async closeAll(): Promise<void> {
    for (const t of this.timers) clearInterval(t)
    for (const s of this.sockets) s.destroy()
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))))
  }
}
