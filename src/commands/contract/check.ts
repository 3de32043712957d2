import {promises as fs} from 'node:fs'

import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {agreementFindings, checkAgreement} from '../../contract/check-agreement.js'
import {ScanvetError} from '../../errors.js'
import type {Finding} from '../../model/finding.js'

const MAX_AGREEMENT_BYTES = 50 * 1024 * 1024

export default class ContractCheck extends BaseCommand {
  static override summary = 'Read a BAA or DPA and say, element by element, what is present, missing, contrary or unclear, with the deciding quote.'
  static override description = 'Reads PDF (a scanned PDF by offline OCR, marked as such), DOCX, plain text or Markdown. Needs no workspace and writes nothing. Exit 0 when the agreement is signed and every element is present, 1 when it is unsigned or an element is missing, contrary or unclear (the verdict’s gate would not open), 2 when the file cannot be read.'
  static override examples = ['<%= config.bin %> contract check vendor-baa.pdf', '<%= config.bin %> contract check dpa.docx --kind dpa --json']
  static override enableJsonFlag = true
  static override args = {file: Args.string({description: 'The agreement: .pdf, .docx, .txt or .md.', required: true})}
  static override flags = {
    kind: Flags.string({description: 'Agreement kind; auto guesses from the parties’ terms.', options: ['baa', 'dpa', 'auto'], default: 'auto'}),
    jurisdiction: Flags.string({description: 'Jurisdiction the agreement must satisfy (us → BAA, eu → DPA); overrides --kind auto.', options: ['us', 'eu']}),
  }

  async run(): Promise<{findings: Finding[]}> {
    const {args, flags} = await this.parse(ContractCheck)
    const unreadable = (error: NodeJS.ErrnoException): never => {
      throw new ScanvetError('UNREADABLE_FILE', `${args.file}: ${error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'is a directory' : `cannot be read (${error.code ?? 'error'})`}`)
    }
    // The same size limit as a document in a vendor's evidence list, checked before a byte is read.
    const st = await fs.stat(args.file).catch(unreadable)
    if (st.isDirectory()) unreadable({code: 'EISDIR'} as NodeJS.ErrnoException)
    if (st.size > MAX_AGREEMENT_BYTES) throw new ScanvetError('UNREADABLE_FILE', `${args.file}: ${st.size} bytes, over the ${MAX_AGREEMENT_BYTES}-byte limit for an agreement`)
    const bytes = await fs.readFile(args.file).catch(unreadable)
    const kind = flags.kind === 'auto' && flags.jurisdiction ? (flags.jurisdiction === 'us' ? 'baa' : 'dpa') : (flags.kind as 'baa' | 'dpa' | 'auto')
    const r = await checkAgreement(bytes, args.file, kind)
    if (r.status === 'error') throw new ScanvetError('UNREADABLE_FILE', `${args.file}: ${r.reason}`)
    const findings = agreementFindings(r)
    const [overall, ...elements] = findings
    this.log(`${r.kind.toUpperCase()} ${args.file} (${r.format}${r.ocr ? ', OCR' : ''}): ${r.signature.signed ? 'signed' : 'NOT SIGNED'}`)
    this.log(`${overall!.status.toUpperCase()}: ${overall!.message}\n`)
    for (const [i, e] of r.elements.entries()) {
      this.log(`  ${e.status.toUpperCase().padEnd(9)} ${e.provision.padEnd(32)} ${e.title}`)
      if (e.quote) this.log(`            ${e.clause ? `§${e.clause}, ` : ''}page ${e.page}: “${e.quote.length > 200 ? `${e.quote.slice(0, 200)}…` : e.quote}”`)
      this.log(`            ${e.why}`)
      if (elements[i]!.status !== 'pass') this.log(`            Ask: ${e.remedy}`)
    }
    if (overall!.status === 'fail' || overall!.status === 'warn') process.exitCode = 1
    return {findings}
  }
}
