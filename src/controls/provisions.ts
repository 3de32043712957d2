import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {InvalidInputError, type Problem} from '../errors.js'
import {displayPath, packagePath} from '../paths.js'
import type {PROVISION_STATUSES} from '../schemas/provisions.schema.js'
import {validateText} from '../validation/validate-document.js'

export const PROVISIONS_DIR = packagePath('data', 'provisions')

export type ProvisionStatus = (typeof PROVISION_STATUSES)[number]

export interface Provision {
  readonly id: string
  readonly citation: string
  readonly aliases?: readonly string[]
  readonly title: string
  readonly status: ProvisionStatus
  readonly type?: 'standard' | 'required' | 'addressable' | 'article'
  readonly appliesFrom?: string
  readonly open?: boolean
}

export interface ProvisionRegister {
  readonly files: readonly string[]
  readonly provisions: readonly (Provision & {readonly instrument: string; readonly file: string})[]
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim()

/** Every register file, validated; a broken one is an input error at file:line:col. Duplicate ids and citations too. */
export const loadProvisionRegister = async (dir = PROVISIONS_DIR): Promise<ProvisionRegister> => {
  if (!existsSync(dir)) return {files: [], provisions: []}
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.yaml')).sort()
  const problems: Problem[] = []
  const provisions: (Provision & {instrument: string; file: string})[] = []
  const ids = new Map<string, string>()
  const cites = new Map<string, string>()
  for (const name of names) {
    const file = displayPath(path.join(dir, name))
    const r = validateText<{instrument: string; provisions: Provision[]}>('provisions', await fs.readFile(path.join(dir, name), 'utf8'), file)
    if (!r.success) {
      problems.push(...r.problems)
      continue
    }
    for (const p of r.data.provisions) {
      if (ids.has(p.id)) problems.push({file, line: 1, col: 1, message: `provision id '${p.id}' is also in ${ids.get(p.id)}`, pointer: ''})
      ids.set(p.id, file)
      for (const c of [p.citation, ...(p.aliases ?? [])]) {
        if (cites.has(norm(c))) problems.push({file, line: 1, col: 1, message: `citation '${c}' is also registered by ${cites.get(norm(c))}`, pointer: ''})
        cites.set(norm(c), p.id)
      }
      provisions.push({...p, instrument: r.data.instrument, file})
    }
  }
  if (problems.length) throw new InvalidInputError(problems)
  return {files: names.map((n) => displayPath(path.join(dir, n))), provisions}
}

/**
 * The register entry a citation names: an exact citation or alias (whitespace aside), or, for a technical
 * standard registered as `open`, the standard followed by a sub-section ("NIST SP 800-52 Rev. 2 §3.1").
 * Legal citations must match exactly: "45 CFR 164.308(a)(1)(ii)(Z)" never resolves to 164.308(a)(1).
 */
export const resolveCitation = (register: ProvisionRegister, citation: string): (ProvisionRegister['provisions'][number]) | undefined => {
  const c = norm(citation)
  const exact = register.provisions.find((p) => norm(p.citation) === c || (p.aliases ?? []).some((a) => norm(a) === c))
  if (exact) return exact
  return register.provisions
    .filter((p) => p.open && (c.startsWith(`${norm(p.citation)} `) || c.startsWith(`${norm(p.citation)} §`)))
    .sort((a, b) => b.citation.length - a.citation.length)[0]
}

/** A provision that may not decide anything: a proposal, a consultation draft, or law not yet applicable. */
export const isInformativeOnly = (p: Provision, asOf: string): boolean =>
  p.status === 'proposed' || p.status === 'draft' || (p.appliesFrom !== undefined && p.appliesFrom > asOf)
