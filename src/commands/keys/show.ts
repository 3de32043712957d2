import {BaseCommand, passphraseFileFlag, workspaceFlag} from '../../cli/base-command.js'
import {readPassphrase} from '../../cli/passphrase.js'
import type {KeyInfo} from '../../keys/certificate-info.js'
import {loadWorkspace} from '../../workspace/workspace.js'

/** The certificate facts `keys show` prints; the fingerprint is what procurement pins. */
export type KeysShowResult = Omit<KeyInfo, 'chainLength'>

export default class KeysShow extends BaseCommand {
  static override summary = 'Print the signing certificate and its SHA-256 fingerprint, to give to procurement.'
  static override examples = ['<%= config.bin %> keys show', '<%= config.bin %> keys show --json']
  static override enableJsonFlag = true
  static override flags = {workspace: workspaceFlag, 'passphrase-file': passphraseFileFlag}

  async run(): Promise<KeysShowResult> {
    const {flags} = await this.parse(KeysShow)
    const {showKeyFile, keyFileOf, certFileOf} = await import('../../keys/key-store.js')
    const {existsSync} = await import('node:fs')
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const file = keyFileOf(ws)
    const passphrase = existsSync(certFileOf(file)) ? undefined : await readPassphrase('Passphrase of the signing key: ', false, {file: flags['passphrase-file']})
    const info = await showKeyFile(file, passphrase)
    this.log(`Key:         ${info.file}`)
    this.log(`Subject:     ${info.subject}${info.selfSigned ? ' (self-signed)' : ''}`)
    if (!info.selfSigned) this.log(`Issuer:      ${info.issuer}`)
    this.log(`Algorithm:   ${info.algorithm}`)
    this.log(`Valid:       ${info.notBefore.slice(0, 10)} to ${info.notAfter.slice(0, 10)}`)
    this.log(`Fingerprint: ${info.fingerprint}`)
    const {chainLength: _chain, ...shown} = info
    return shown
  }
}
