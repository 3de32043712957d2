import {Flags} from '@oclif/core'

import {BaseCommand, passphraseFileFlag, workspaceFlag} from '../../cli/base-command.js'
import {readPassphrase} from '../../cli/passphrase.js'
import {loadWorkspace} from '../../workspace/workspace.js'

export interface KeysGenerateResult {
  readonly file: string
  readonly certificate: string
  readonly subject: string
  readonly algorithm: string
  readonly notAfter: string
  readonly fingerprint: string
}

export default class KeysGenerate extends BaseCommand {
  static override summary = 'Make the key that signs your reports: ECDSA P-256 (or RSA-3072) with a self-signed certificate.'
  static override description =
    'Writes keys/signing.p12 (PKCS#12, encrypted with the passphrase asked for on the terminal, or read from --passphrase-file or SCANVET_KEY_PASSPHRASE, file mode 0600) and keys/signing.crt. Give the fingerprint to procurement so they can check reports with scanvet verify.'
  static override examples = ['<%= config.bin %> keys generate', '<%= config.bin %> keys generate --rsa --org "Riverside Imaging"']
  static override enableJsonFlag = true
  static override flags = {
    workspace: workspaceFlag,
    'passphrase-file': passphraseFileFlag,
    rsa: Flags.boolean({description: 'RSA-3072 instead of ECDSA P-256 (for verifiers that lack ECDSA).'}),
    org: Flags.string({description: 'Organisation named in the certificate (default: the workspace organisation).'}),
    force: Flags.boolean({description: 'Replace an existing key (reports signed with it can then only be checked with its old fingerprint).'}),
  }

  async run(): Promise<KeysGenerateResult> {
    const {flags} = await this.parse(KeysGenerate)
    const {generateKeyFile, keyFileOf, certFileOf} = await import('../../keys/key-store.js')
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const passphrase = await readPassphrase('Passphrase for the new signing key: ', true, {file: flags['passphrase-file']})
    const info = await generateKeyFile({file: keyFileOf(ws), organisation: flags.org ?? ws.config.organisation, passphrase, rsa: flags.rsa, force: flags.force})
    this.log(`Signing key: ${info.file} (${info.algorithm}, valid until ${info.notAfter.slice(0, 10)})`)
    this.log(`Certificate: ${certFileOf(info.file)} — ${info.subject}`)
    this.log(`Fingerprint (SHA-256): ${info.fingerprint}`)
    this.log('Give this fingerprint to procurement: scanvet verify report.pdf --fingerprint <it>')
    return {file: info.file, certificate: certFileOf(info.file), subject: info.subject, algorithm: info.algorithm, notAfter: info.notAfter, fingerprint: info.fingerprint}
  }
}
