import {promises as fs} from 'node:fs'
import path from 'node:path'
import {stringify} from 'yaml'

import {ROOT} from './cli.js'
import type {VendorEvidence, Workspace} from '../../src/workspace/workspace-types.js'

/** The bundled demo answers with some answers replaced: the vendor's questionnaire as it stands this quarter. */
export const demoAnswers = async (overrides: Record<string, string>): Promise<string> => {
  let text = await fs.readFile(path.join(ROOT, 'templates', 'demo', 'answers.yaml'), 'utf8')
  for (const [q, v] of Object.entries(overrides)) {
    const re = new RegExp(`^(  ${q.replaceAll('.', '\\.')}:) .*$`, 'm')
    if (!re.test(text)) throw new Error(`no answer ${q} in the demo answers`)
    text = text.replace(re, `$1 ${v}`)
  }
  return text
}

/** Answers name the vendor they are from; assess refuses another vendor's answers. */
export const answersFor = (vendorId: string, answers: string): string => answers.replace(/^vendor: .*$/m, `vendor: ${vendorId}`)

/** Write a vendor profile whose endpoints point at a demo vendor on 127.0.0.1, pinned to its CA. */
export const writeVendor = async (
  ws: Workspace,
  id: string,
  v: {port: number; caPem: string; answers: string; evidence?: VendorEvidence[]; name?: string; extra?: Record<string, unknown>; endpoints?: Record<string, unknown>[]},
): Promise<void> => {
  const dir = path.join(ws.root, 'vendors', id)
  await fs.mkdir(dir, {recursive: true})
  await fs.writeFile(path.join(dir, 'demo-ca.pem'), v.caPem)
  await fs.writeFile(path.join(dir, 'answers.yaml'), answersFor(id, v.answers))
  const profile = {
    id,
    name: v.name ?? `Vendor ${id}`,
    service: 'Chest X-ray triage (test)',
    jurisdictions: ['US', 'EU'],
    endpoints: [{url: `https://127.0.0.1:${v.port}/v1`, role: 'api', caBundle: 'demo-ca.pem'}, ...(v.endpoints ?? [])],
    ...(v.evidence ? {evidence: v.evidence} : {}),
    questionnaire: {id: 'imaging-ai-vendor', answers: 'answers.yaml'},
    ...v.extra,
  }
  await fs.writeFile(path.join(dir, 'vendor.yaml'), stringify(profile))
}
