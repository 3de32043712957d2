import {promises as fs} from 'node:fs'
import path from 'node:path'

import {readYaml} from '../../yaml/read-yaml.js'
import {ANSWERS_FILE} from '../../workspace/vendors.js'

/** The questionnaire's de-identification answers, as far as the vendor gave them. */
export interface DeidAnswers {
  readonly gateway?: boolean
  readonly profile?: string
  readonly options?: readonly string[]
  readonly burnedIn?: string
  readonly pseudonymMethod?: string
}

/**
 * Read the five answers from the vendor's answers file. The assessment validates that file separately; here a
 * missing or unreadable file simply means nothing to cross-check (undefined), never an exception.
 */
export const readDeidAnswers = async (vendorDir: string, answersFile: string | undefined): Promise<DeidAnswers | undefined> => {
  let doc: unknown
  try {
    const file = path.resolve(vendorDir, answersFile ?? ANSWERS_FILE)
    const r = readYaml(await fs.readFile(file), file, {kind: 'answers'})
    if (r.problems.length > 0) return undefined
    doc = r.data
  } catch {
    return undefined
  }
  const a = (doc as {answers?: Record<string, unknown>} | null)?.answers
  if (!a || typeof a !== 'object') return undefined
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
  const out: DeidAnswers = {
    ...(typeof a['deid.gateway'] === 'boolean' ? {gateway: a['deid.gateway'] as boolean} : {}),
    ...(str(a['deid.profile']) ? {profile: str(a['deid.profile'])} : {}),
    ...(Array.isArray(a['deid.options']) ? {options: (a['deid.options'] as unknown[]).filter((x): x is string => typeof x === 'string')} : {}),
    ...(str(a['deid.burned-in']) ? {burnedIn: str(a['deid.burned-in'])} : {}),
    ...(str(a['deid.pseudonym-method']) ? {pseudonymMethod: str(a['deid.pseudonym-method'])} : {}),
  }
  return Object.keys(out).length > 0 ? out : undefined
}
