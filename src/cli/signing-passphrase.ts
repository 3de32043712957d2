import {existsSync} from 'node:fs'

import {keyFileOf} from '../keys/key-store.js'
import type {Workspace} from '../workspace/workspace-types.js'
import {readPassphrase} from './passphrase.js'

/**
 * For `assess` and `run`: the passphrase of the workspace signing key, asked before any vendor is touched, or
 * undefined when the workspace has no key (reports then go unsigned, as before). Without a terminal or a source
 * it is one error (exit 2) before any probe.
 */
export const signingPassphrase = async (ws: Workspace, file: string | undefined): Promise<string | undefined> => {
  if (!existsSync(keyFileOf(ws))) return undefined
  // Undefined (no terminal, no source): the library refuses with noPassphraseError once the inputs are
  // checked and before the first probe, so a broken input file is still the error the user sees first.
  return readPassphrase('Passphrase of the signing key: ', false, {file})
}
