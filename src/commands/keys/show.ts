import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import {readPassphrase} from '../../cli/passphrase.js'
import {loadWorkspace} from '../../workspace/workspace.js'

export interface KeysShowResult {
  readonly file: string
  readonly subject: string
  readonly issuer: string
  readonly selfSigned: boolean
  readonly algorithm: string
  readonly notBefore: string
  readonly notAfter: string
  readonly fingerprint: string
}

export default class KeysShow extends BaseCommand {
  static override summary = 'Print the signing certificate and its SHA-256 fingerprint, to give to procurement.'
  static override examples = ['<%= config.bin %> keys show', '<%= config.bin %> keys show --json']
  static override enableJsonFlag = true
  static override flags = {workspace: workspaceFlag}

  async run(): Promise<KeysShowResult> {
    const {flags} = await this.parse(KeysShow)
    const {showKeyFile, keyFileOf, certFileOf} = await import('../../keys/key-store.js')
    const {existsSync} = await import('node:fs')
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const file = keyFileOf(ws)
    const passphrase = existsSync(certFileOf(file)) ? undefined : await readPassphrase('Passphrase of the signing key: ')
    const info = await showKeyFile(file, passphrase)
    this.log(`Key:         ${info.file}`)
    this.log(`Subject:     ${info.subject}${info.selfSigned ? ' (self-signed)' : ''}`)
    if (!info.selfSigned) this.log(`Issuer:      ${info.issuer}`)
    this.log(`Algorithm:   ${info.algorithm}`)
    this.log(`Valid:       ${info.notBefore.slice(0, 10)} to ${info.notAfter.slice(0, 10)}`)
    this.log(`Fingerprint: ${info.fingerprint}`)
    return {file: info.file, subject: info.subject, issuer: info.issuer, selfSigned: info.selfSigned, algorithm: info.algorithm, notBefore: info.notBefore, notAfter: info.notAfter, fingerprint: info.fingerprint}
  }
}
