import {existsSync} from 'node:fs'
import path from 'node:path'

import {listVendorIds, VENDOR_FILE, vendorDir} from './vendors.js'
import {loadWorkspace, type LocateOptions} from './workspace.js'

/** Every input file of a workspace: its config, each vendor profile, and each answers file present. */
export const workspaceInputFiles = async (opts: LocateOptions): Promise<string[]> => {
  const ws = await loadWorkspace(opts)
  const files = [ws.configFile]
  for (const id of await listVendorIds(ws)) {
    files.push(path.join(vendorDir(ws, id), VENDOR_FILE))
    const answers = path.join(vendorDir(ws, id), 'answers.yaml')
    if (existsSync(answers)) files.push(answers)
  }
  return files
}
