import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {checkFiles, indexOriginals, type DicomCheckResult} from '../../dicom/deid/check-files.js'
import {DEID_OPTIONS} from '../../dicom/deid/deid-options.js'
import {parseOptions, parseSafePrivate} from '../../dicom/deid/parse-settings.js'

export type DicomCheckCommandResult = DicomCheckResult

export default class DicomCheck extends BaseCommand {
  static override summary = 'Check DICOM files for identifiers left behind, against PS3.15 Annex E and HIPAA Safe Harbor.'
  static override description = `Reads every file under each PATH (folders recursively), walks every element including nested sequences and private groups, and reports each attribute the profile says must be removed or emptied, UIDs not remapped (with --originals), ages over 89 and full dates, free text that looks like a name, record number, phone number, e-mail address or URL, and images whose pixels may carry burned-in text (quarantine). Values are masked unless --show-values.
Exit 0 when nothing identifying remains, 3 when something does, 2 when a file cannot be read.`
  static override examples = [
    '<%= config.bin %> dicom check outgoing/',
    '<%= config.bin %> dicom check results/ --option retain-modified-dates --option clean-descriptors',
    '<%= config.bin %> dicom check deidentified/ --originals source/ --json',
  ]
  static override enableJsonFlag = true
  static override strict = false
  static override args = {paths: Args.string({description: 'DICOM files or folders', required: true})}
  static override flags = {
    profile: Flags.string({description: 'Confidentiality profile (PS3.15 Annex E).', options: ['basic'], default: 'basic'}),
    option: Flags.string({description: `Profile option in use (repeatable): ${DEID_OPTIONS.join(', ')}.`, multiple: true, default: []}),
    'safe-private': Flags.string({description: 'A private element judged safe under retain-safe-private, as CREATOR:(gggg,xxee) (repeatable).', multiple: true, default: []}),
    originals: Flags.string({description: 'The same studies before de-identification: proves UIDs and dates were replaced (repeatable).', multiple: true, default: []}),
    'show-values': Flags.boolean({description: 'Show offending values in full (they may be patient data).', default: false}),
  }

  async run(): Promise<DicomCheckCommandResult> {
    const {argv, flags} = await this.parse(DicomCheck)
    const options = parseOptions(flags.option)
    const safePrivate = parseSafePrivate(flags['safe-private'])
    const originals = flags.originals.length > 0 ? await indexOriginals(flags.originals) : undefined
    const result = await checkFiles(argv as string[], {options, safePrivate, showValues: flags['show-values'], ...(originals ? {originals} : {})})
    const t = result.totals
    process.exitCode = t.identifying > 0 ? 3 : t.unreadable > 0 ? 2 : 0
    if (!this.jsonEnabled()) {
      for (const f of result.files) {
        if (f.status === 'error') {
          this.log(`unreadable  ${f.file}: ${f.reason}`)
          continue
        }
        const head = f.identifying > 0 ? (f.quarantine ? 'QUARANTINE' : 'IDENTIFYING') : f.findings.length > 0 ? 'notes' : 'clean'
        this.log(`${head.padEnd(11)} ${f.file}${f.identifying > 0 ? ` (${f.identifying} identifying)` : ''}`)
        for (const x of f.findings) {
          this.log(`    ${(x.identifying ? '!' : '-')} ${x.path.padEnd(30)} ${(x.keyword ?? '').padEnd(34)} ${x.kind.padEnd(11)} ${x.message}${x.value !== undefined ? `: ${x.value}` : ''}`)
        }
      }
      this.log('')
      this.log(`${t.checked} file(s) checked, ${t.identifyingFiles} with identifiers (${t.identifying} item(s)), ${t.quarantined} to quarantine, ${t.unreadable} unreadable, ${t.skipped} non-DICOM skipped.`)
      this.log(`Patient Identity Removed missing or not YES in ${t.markerMissing}; method not recorded in ${t.methodMissing}; method contradicted in ${t.methodContradicted}.`)
      this.log(t.identifying > 0 ? 'Identifying information remains: do not send these files as de-identified.' : 'No identifying information found in the headers.')
    }
    return result
  }
}
