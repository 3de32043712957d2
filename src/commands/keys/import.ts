import {Args, Flags} from '@oclif/core'

import {BaseCommand, passphraseFileFlag, workspaceFlag} from '../../cli/base-command.js'
import {readPassphrase} from '../../cli/passphrase.js'
import {loadWorkspace} from '../../workspace/workspace.js'
import type {KeysGenerateResult} from './generate.js'

export type KeysImportResult = KeysGenerateResult & {readonly issuer: string; readonly chainLength: number}

export default class KeysImport extends BaseCommand {
  static override summary = 'Use a key and certificate issued by your organisation’s CA (a PKCS#12 file) to sign reports.'
  static override examples = ['<%= config.bin %> keys import signer.p12', '<%= config.bin %> keys import signer.p12 --passphrase-file ~/.config/scanvet/passphrase']
  static override enableJsonFlag = true
  static override args = {file: Args.file({description: 'PKCS#12 file (.p12/.pfx) with the key and its certificate chain.', required: true})}
  static override flags = {workspace: workspaceFlag, 'passphrase-file': passphraseFileFlag, force: Flags.boolean({description: 'Replace an existing key.'})}

  async run(): Promise<KeysImportResult> {
    const {args, flags} = await this.parse(KeysImport)
    const {importKeyFile, keyFileOf, certFileOf} = await import('../../keys/key-store.js')
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const passphrase = await readPassphrase(`Passphrase of ${args.file}: `, false, {file: flags['passphrase-file']})
    const info = await importKeyFile({source: args.file, file: keyFileOf(ws), passphrase, force: flags.force})
    this.log(`Imported ${args.file} as ${info.file} (${info.algorithm}, ${info.chainLength} certificate(s))`)
    this.log(`Subject: ${info.subject}`)
    this.log(`Issuer:  ${info.issuer}`)
    this.log(`Fingerprint (SHA-256): ${info.fingerprint}`)
    return {file: info.file, certificate: certFileOf(info.file), subject: info.subject, issuer: info.issuer, algorithm: info.algorithm, notAfter: info.notAfter, fingerprint: info.fingerprint, chainLength: info.chainLength}
  }
}
