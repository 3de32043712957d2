import {spawn, type ChildProcess} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import net from 'node:net'
import path from 'node:path'

export interface OrthancInstance {
  readonly url: string
  readonly pid: number
  stop(): Promise<void>
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })

/**
 * A private Orthanc (Debian's orthanc + orthanc-dicomweb) with its configuration and storage in `dir`: local
 * clients only, no DICOM listener, DICOMweb at /dicom-web/. Stopped by its PID.
 */
export const startOrthanc = async (dir: string): Promise<OrthancInstance> => {
  const port = await freePort()
  const storage = path.join(dir, 'storage')
  mkdirSync(storage, {recursive: true})
  const config = path.join(dir, 'orthanc.json')
  writeFileSync(
    config,
    JSON.stringify({
      Name: 'scanvet-interop',
      HttpPort: port,
      RemoteAccessAllowed: false,
      AuthenticationEnabled: false,
      DicomServerEnabled: false,
      StorageDirectory: storage,
      IndexDirectory: storage,
      Plugins: ['/usr/share/orthanc/plugins/libOrthancDicomWeb.so'],
      DicomWeb: {Enable: true, Root: '/dicom-web/'},
    }),
  )
  const child: ChildProcess = spawn('/usr/sbin/Orthanc', [config], {stdio: ['ignore', 'ignore', 'pipe']})
  let log = ''
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 20_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited early: ${log}`)
    try {
      const r = await fetch(`${url}/system`)
      if (r.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`Orthanc did not start within 20 s: ${log}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000)
        child.once('exit', () => {
          clearTimeout(t)
          resolve()
        })
        process.kill(child.pid!, 'SIGTERM')
      }),
  }
}
