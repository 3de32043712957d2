import {promises as fs} from 'node:fs'
import path from 'node:path'

import type {ProbeFamily} from '../model/observation.js'
import {packagePath} from '../paths.js'
import type {Check} from './check-types.js'

/**
 * The checks scanvet ships for one probe family, without compiling the schema validator or parsing YAML at
 * start-up (each costs more than a whole TLS probe): `npm run build` writes dist/checks-bundle.json with the
 * validating loader (scripts/bundle-checks.js). Without a build (tests on the sources) the YAML is parsed.
 * A test asserts both give exactly what loadChecks does. User-supplied checks always go through loadChecks.
 */
export const loadBundledChecks = async (family: ProbeFamily, root = packagePath('checks')): Promise<Check[]> => {
  try {
    const all = JSON.parse(await fs.readFile(packagePath('dist', 'checks-bundle.json'), 'utf8')) as Check[]
    return all.filter((c) => c.probe === family)
  } catch {
    const {readBundledYaml} = await import('../yaml/read-yaml.js')
    const dir = path.join(root, family)
    const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.yaml')).sort()
    return Promise.all(files.map(async (f) => ({...(readBundledYaml(await fs.readFile(path.join(dir, f)), path.join(dir, f)) as Omit<Check, 'file'>), file: path.join(dir, f)})))
  }
}
