import {promises as fs} from 'node:fs'
import path from 'node:path'
import {parse} from 'yaml'

import type {ProbeFamily} from '../model/observation.js'
import type {Check} from './check-types.js'
import {packagePath} from '../paths.js'

/**
 * The checks scanvet ships for one probe family, parsed without schema validation: compiling the validator
 * costs more than a whole TLS probe, and the bundled files are validated by the test suite (a test asserts this
 * returns exactly what loadChecks does). User-supplied checks always go through loadChecks.
 */
export const loadBundledChecks = async (family: ProbeFamily, root = packagePath('checks')): Promise<Check[]> => {
  const dir = path.join(root, family)
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.yaml')).sort()
  return Promise.all(
    files.map(async (f) => ({...(parse(await fs.readFile(path.join(dir, f), 'utf8')) as Omit<Check, 'file'>), file: path.join(dir, f)})),
  )
}
