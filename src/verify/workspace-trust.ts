import {existsSync} from 'node:fs'

import {certFileOf, keyFileOf} from '../keys/key-store.js'
import {ScanvetError} from '../errors.js'
import {loadWorkspace, type LocateOptions} from '../workspace/workspace.js'

/**
 * Inside a workspace, `verify` trusts the workspace's own certificate (keys/signing.crt): the practice's key is
 * right there, so a pin would only be copied from somewhere less trustworthy. Undefined outside a workspace, or
 * when the workspace has no key.
 */
export const workspaceCertificate = async (where: LocateOptions): Promise<string | undefined> => {
  try {
    const ws = await loadWorkspace(where)
    const crt = certFileOf(keyFileOf(ws))
    return existsSync(crt) ? crt : undefined
  } catch (error) {
    if (error instanceof ScanvetError && error.code === 'WORKSPACE_NOT_FOUND') return undefined
    throw error
  }
}
