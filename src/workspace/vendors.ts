import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {closest} from '../util/did-you-mean.js'
import {ScanvetError} from '../errors.js'
import {displayPath, packagePath} from '../paths.js'
import {ID_PATTERN} from '../schemas/common.js'
import {parseOrThrow} from '../validation/validate-document.js'
import {writeFileAtomic} from './atomic-write.js'
import {loadInput} from './read-input.js'
import {readYamlDocument} from '../yaml/read-yaml.js'
import {vendorsDir} from './workspace.js'
import type {EndpointRole, Jurisdiction, Vendor, VendorProfile, Workspace} from './workspace-types.js'

export const VENDOR_FILE = 'vendor.yaml'
/** The vendor's answers file, in its folder, unless vendor.yaml names another (questionnaire.answers). */
export const ANSWERS_FILE = 'answers.yaml'
export const answersFileOf = (profile: Pick<VendorProfile, 'questionnaire'>): string => profile.questionnaire?.answers ?? ANSWERS_FILE

export const vendorDir = (ws: Workspace, id: string): string => path.join(vendorsDir(ws), id)

export interface AddVendorOptions {
  readonly id: string
  readonly name: string
  readonly service?: string
  readonly endpoints: readonly {url: string; role: EndpointRole; caBundle?: string}[]
  readonly jurisdictions?: readonly Jurisdiction[]
}

/** Write vendors/ID/vendor.yaml from the template, keeping its comments as a guide for the person editing it. */
export const addVendor = async (ws: Workspace, opts: AddVendorOptions): Promise<Vendor> => {
  if (!new RegExp(ID_PATTERN).test(opts.id)) {
    throw new ScanvetError('INVALID_INPUT', `vendor id '${opts.id}' must be lowercase letters, digits, '-' or '.'`, ['Example: acme-imaging'])
  }
  const dir = vendorDir(ws, opts.id)
  const file = path.join(dir, VENDOR_FILE)
  if (existsSync(file)) throw new ScanvetError('VENDOR_EXISTS', `vendor '${opts.id}' already exists (${displayPath(file)})`)
  const doc = readYamlDocument(await fs.readFile(packagePath('templates', 'vendor.yaml')), 'templates/vendor.yaml', 'template')
  doc.set('id', opts.id)
  doc.set('name', opts.name)
  if (opts.service) doc.set('service', opts.service)
  if (opts.jurisdictions) doc.set('jurisdictions', doc.createNode([...opts.jurisdictions], {flow: true}))
  doc.set('endpoints', doc.createNode(opts.endpoints.map((e) => ({url: e.url, role: e.role, ...(e.caBundle ? {caBundle: e.caBundle} : {})}))))
  const text = doc.toString({lineWidth: 0})
  const profile = parseOrThrow<VendorProfile>('vendor', text, displayPath(file))
  await writeFileAtomic(file, text)
  return {dir, file, profile}
}

export const loadVendor = async (ws: Workspace, id: string): Promise<Vendor> => {
  const dir = vendorDir(ws, id)
  const file = path.join(dir, VENDOR_FILE)
  if (!existsSync(file)) {
    const near = closest(id, await listVendorIds(ws))
    throw new ScanvetError('VENDOR_NOT_FOUND', `no vendor '${id}' in ${displayPath(vendorsDir(ws))}${near ? `; did you mean '${near}'?` : ''}`, ['List vendors with: scanvet vendor list'])
  }
  const profile = await loadInput<VendorProfile>('vendor', file)
  if (profile.id !== id) {
    throw new ScanvetError('INVALID_INPUT', `${displayPath(file)}: id '${profile.id}' does not match its folder '${id}'`)
  }
  return {dir, file, profile}
}

export const listVendorIds = async (ws: Workspace): Promise<string[]> => {
  const entries = await fs.readdir(vendorsDir(ws), {withFileTypes: true}).catch(() => [])
  return entries
    .filter((e) => e.isDirectory() && existsSync(path.join(vendorsDir(ws), e.name, VENDOR_FILE)))
    .map((e) => e.name)
    .sort()
}
