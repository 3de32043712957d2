import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {ScanvetError} from '../errors.js'
import {loadInput} from './read-input.js'
import type {ProxySettings} from '../net/proxy.js'
import {DEFAULT_NETWORK, DEFAULT_REASSESSMENT_DAYS, type ProxyFileSettings, type Workspace, type WorkspaceConfig} from './workspace-types.js'

export const WORKSPACE_FILE = 'scanvet.yaml'

/** Walk up from `start` to the nearest directory holding scanvet.yaml. */
export const findWorkspaceRoot = (start: string): string | undefined => {
  let dir = path.resolve(start)
  for (;;) {
    if (existsSync(path.join(dir, WORKSPACE_FILE))) return dir
    const up = path.dirname(dir)
    if (up === dir) return undefined
    dir = up
  }
}

export interface LocateOptions {
  /** --workspace DIR; when absent, found by walking up from cwd. */
  readonly workspace?: string
  readonly cwd: string
}

export const loadWorkspace = async (opts: LocateOptions): Promise<Workspace> => {
  const root = opts.workspace ? path.resolve(opts.cwd, opts.workspace) : findWorkspaceRoot(opts.cwd)
  if (!root || !existsSync(path.join(root, WORKSPACE_FILE))) {
    throw new ScanvetError('WORKSPACE_NOT_FOUND', `no ${WORKSPACE_FILE} found ${opts.workspace ? `in ${root}` : `in ${opts.cwd} or any parent directory`}`, [
      'Create one with: scanvet init --org "Your Practice"',
      'Or point at one with --workspace DIR',
    ])
  }
  const configFile = path.join(root, WORKSPACE_FILE)
  const config = await loadInput<WorkspaceConfig>('workspace', configFile)
  const {proxy, ...network} = config.network ?? {}
  return {
    root,
    configFile,
    config,
    network: {...DEFAULT_NETWORK, ...network, ...(proxy ? {proxy: await readProxySettings(root, configFile, proxy)} : {})},
    reassessmentIntervalDays: config.reassessmentIntervalDays ?? DEFAULT_REASSESSMENT_DAYS,
  }
}

const readProxySettings = async (root: string, configFile: string, p: ProxyFileSettings): Promise<ProxySettings> => {
  let ca: string[] | undefined
  if (p.caFile) {
    const file = path.resolve(root, p.caFile)
    const pem = await fs.readFile(file, 'utf8').catch(() => {
      throw new ScanvetError('INVALID_INPUT', `${configFile}: network.proxy.caFile ${p.caFile} cannot be read`, ['Give a PEM file relative to the workspace'])
    })
    ca = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
    if (ca.length === 0) throw new ScanvetError('INVALID_INPUT', `${configFile}: network.proxy.caFile ${p.caFile} holds no PEM certificate`, ['Give a PEM bundle'])
  }
  return {...(p.url ? {url: p.url} : {}), ...(p.noProxy ? {noProxy: p.noProxy} : {}), ...(ca ? {ca} : {})}
}

export const vendorsDir = (ws: Workspace): string => path.join(ws.root, 'vendors')

export const ensureDir = async (dir: string): Promise<void> => {
  await fs.mkdir(dir, {recursive: true})
}
