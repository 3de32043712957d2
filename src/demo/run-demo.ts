import {promises as fs} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {randomBytes} from 'node:crypto'

import {runAssessment, type AssessResult} from '../assessment/run-assessment.js'
import {importAnswers} from '../questionnaire/import-answers.js'
import {generateKeyFile, keyFileOf, PASSPHRASE_ENV, type KeyInfo} from '../keys/key-store.js'
import {packagePath} from '../paths.js'
import {writeFileAtomic} from '../workspace/atomic-write.js'
import {initWorkspace} from '../workspace/init-workspace.js'
import {addVendor} from '../workspace/vendors.js'
import {completeDemoProfile} from './demo-profile-extras.js'
import {demoSoc2Report} from './demo-soc2-report.js'
import {loadWorkspace} from '../workspace/workspace.js'
import {startDemoVendor, type DemoVendor} from './demo-vendor.js'
import type {Workspace} from '../workspace/workspace-types.js'

export interface DemoOptions {
  /** Where to create the demo workspace (default: a new directory under the system's temporary directory). */
  readonly dir?: string
  readonly now?: () => Date
}

export interface DemoResult {
  readonly workspace: string
  readonly vendorUrl: string
  readonly result: AssessResult
  /** The throwaway signing key made for the demo: its certificate is keys/signing.crt in the workspace. */
  readonly key: KeyInfo
}

export const DEMO_VENDOR_ID = 'demo-imaging-ai'

/**
 * The README's main job: start the bundled demo vendor on 127.0.0.1, make a workspace with it and its filled-in
 * answers, run the full audit, and stop the server whatever happens.
 */
export const runDemo = async (opts: DemoOptions = {}): Promise<DemoResult> => {
  const server = await startDemoVendor()
  try {
    const {ws, dir} = await prepareDemoWorkspace(server, opts)
    // A throwaway key, so the demo report is signed like a real one; its passphrase is random and forgotten.
    const passphrase = randomBytes(18).toString('base64url')
    const key = await generateKeyFile({file: keyFileOf(ws), organisation: ws.config.organisation, passphrase})
    const result = await runAssessment({workspace: ws, vendorId: DEMO_VENDOR_ID, env: {...process.env, [PASSPHRASE_ENV]: passphrase}, ...(opts.now ? {now: opts.now} : {})})
    return {workspace: dir, vendorUrl: server.url, result, key}
  } finally {
    await server.close()
  }
}

export interface ServedDemo {
  readonly workspace: string
  readonly vendorUrl: string
  readonly port: number
  close(): Promise<void>
}

/**
 * `scanvet demo serve`: the demo vendor kept running, with a workspace that points at it, for trying the
 * quarterly flow (assess, diff, history, status, run) by hand. No key is made: the user creates one with
 * `scanvet keys generate` and a passphrase of their own, so nothing has to be written down for them.
 */
export const serveDemo = async (opts: DemoOptions & {readonly port?: number} = {}): Promise<ServedDemo> => {
  const server = await startDemoVendor(undefined, opts.port ? {port: opts.port} : {})
  try {
    const {dir} = await prepareDemoWorkspace(server, opts)
    return {workspace: dir, vendorUrl: server.url, port: server.port, close: () => server.close()}
  } catch (error) {
    await server.close()
    throw error
  }
}

/** A workspace with the demo vendor (pointing at `server`), its SOC 2 report and its imported answers. */
const prepareDemoWorkspace = async (server: DemoVendor, opts: DemoOptions): Promise<{ws: Workspace; dir: string}> => {
  {
    const dir = opts.dir ? path.resolve(opts.dir) : await fs.mkdtemp(path.join(os.tmpdir(), 'scanvet-demo-'))
    await initWorkspace({dir, organisation: 'Riverside Community Imaging (demo)', assessor: 'Demo Assessor'})
    const ws = await loadWorkspace({cwd: dir, workspace: dir})
    const vendor = await addVendor(ws, {
      id: DEMO_VENDOR_ID,
      name: 'Demo Imaging AI',
      service: 'Chest X-ray triage (demo)',
      jurisdictions: ['US', 'EU'],
      endpoints: [
        {url: `${server.url}/v1`, role: 'api', caBundle: 'demo-ca.pem'},
        {url: `https://localhost:${server.port}/portal`, role: 'portal', caBundle: 'demo-ca.pem'},
        {url: `${server.url}/dicom-web`, role: 'dicomweb', caBundle: 'demo-ca.pem'},
      ],
    })
    await writeFileAtomic(path.join(vendor.dir, 'demo-ca.pem'), server.caPem)
    await writeFileAtomic(path.join(vendor.dir, 'soc2-report.pdf'), await demoSoc2Report((opts.now ?? (() => new Date()))()))
    // The signed agreements are the gates' evidence: without them the verdict could only be "cannot decide yet".
    for (const f of ['baa.txt', 'dpa.txt']) await writeFileAtomic(path.join(vendor.dir, f), await fs.readFile(packagePath('templates', 'demo', f)))
    await completeDemoProfile(vendor.file, `${server.url}/dicom-web`, 'soc2-report.pdf')
    // The vendor's answers go in the way a practice's would: through import, which checks and canonicalises them.
    await importAnswers({workspace: ws, vendorId: DEMO_VENDOR_ID, file: packagePath('templates', 'demo', 'answers.yaml')})
    return {ws, dir}
  }
}
