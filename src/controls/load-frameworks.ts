import {existsSync} from 'node:fs'
import path from 'node:path'

import {ScanvetError} from '../errors.js'
import {packagePath} from '../paths.js'
import {loadInput} from '../workspace/read-input.js'
import type {Framework} from './framework-types.js'

export const FRAMEWORKS_DIR = packagePath('checks', 'frameworks')

export const loadFramework = async (id: string, dir = FRAMEWORKS_DIR): Promise<Framework> => {
  const file = path.join(dir, `${id}.yaml`)
  if (!existsSync(file)) throw new ScanvetError('NOT_FOUND', `no framework catalogue '${id}' (${file})`, ['Bundled: hipaa, gdpr-edpb'])
  return loadInput<Framework>('framework', file)
}

export const loadFrameworks = async (ids: readonly string[], dir = FRAMEWORKS_DIR): Promise<Framework[]> =>
  Promise.all(ids.map((id) => loadFramework(id, dir)))

/** A framework applies to a vendor when it names one of the vendor's jurisdictions, or names none. */
export const appliesTo = (f: Framework, jurisdictions: readonly string[]): boolean =>
  f.jurisdictions === undefined || f.jurisdictions.some((j) => jurisdictions.includes(j))

/** Checks that evidence controls of some catalogue, but none of the catalogues that apply to the vendor. */
export const checksOutOfScope = (all: readonly Framework[], applicable: readonly Framework[]): string[] => {
  const used = (fs: readonly Framework[]) => new Set(fs.flatMap((f) => f.controls.flatMap((c) => c.evidence.checks ?? [])))
  const inScope = used(applicable)
  return [...used(all)].filter((id) => !inScope.has(id)).sort()
}
