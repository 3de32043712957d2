import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {checkFiles, indexOriginals, type DicomCheckResult} from '../../dicom/deid/check-files.js'
import {DEID_OPTIONS} from '../../dicom/deid/deid-options.js'
import {parseOptions, parsePseudonymPattern, parseSafePrivate} from '../../dicom/deid/parse-settings.js'
import {withPixelChecker} from '../../dicom/pixels/check-pixels.js'

export type DicomCheckCommandResult = DicomCheckResult

export default class DicomCheck extends BaseCommand {
  static override summary = 'Check DICOM files for identifiers left behind, against PS3.15 Annex E and HIPAA Safe Harbor.'
  static override description = `Reads every file under each PATH (folders recursively), walks every element including nested sequences and private groups, and reports each attribute the profile says must be removed or emptied, UIDs not remapped (with --originals), ages over 89 and full dates, free text that looks like a name, record number, phone number, e-mail address or URL, and images whose pixels may carry burned-in text (quarantine). Values are masked unless --show-values.
Pixels are read with offline OCR (burned-in names, IDs, dates) for US, SC, OT, DX, CR, XA, ES and any image whose Burned In Annotation is not NO; --pixels reads every image, --no-pixels none. Every run says what was checked (headers, pixels) and what was not.
Exit 0 when nothing identifying remains and everything was checked, 3 when something identifying remains, 2 when a file cannot be read (or its pixels could not be decoded) or no DICOM file was found.`
  static override examples = [
    '<%= config.bin %> dicom check outgoing/',
    '<%= config.bin %> dicom check results/ --option retain-modified-dates --option clean-descriptors',
    '<%= config.bin %> dicom check deidentified/ --originals source/ --json',
    '<%= config.bin %> dicom check ultrasound/ --pixels',
    "<%= config.bin %> dicom check outgoing/ --pseudonym-pattern '^STUDY7-[0-9]{5}$'",
  ]
  static override enableJsonFlag = true
  static override strict = false
  static override args = {paths: Args.string({description: 'DICOM files or folders', required: true})}
  static override flags = {
    profile: Flags.string({description: 'Confidentiality profile (PS3.15 Annex E).', options: ['basic'], default: 'basic'}),
    option: Flags.string({description: `Profile option in use (repeatable): ${DEID_OPTIONS.join(', ')}.`, multiple: true, default: []}),
    'safe-private': Flags.string({description: 'A private element judged safe under retain-safe-private, as CREATOR:(gggg,xxee) (repeatable).', multiple: true, default: []}),
    originals: Flags.string({description: 'The same studies before de-identification: proves UIDs and dates were replaced (repeatable).', multiple: true, default: []}),
    pixels: Flags.boolean({description: 'Read pixel data with OCR for burned-in text: --pixels for every image, --no-pixels for none (default: modalities that often carry text, and any image not marked Burned In Annotation NO).', allowNo: true}),
    'pseudonym-pattern': Flags.string({description: 'A regular expression the practice\'s pseudonym IDs match; such IDs are accepted as dummy values.'}),
    'show-values': Flags.boolean({description: 'Show offending values in full (they may be patient data).', default: false}),
  }

  async run(): Promise<DicomCheckCommandResult> {
    const {argv, flags} = await this.parse(DicomCheck)
    const options = parseOptions(flags.option)
    const safePrivate = parseSafePrivate(flags['safe-private'])
    const originals = flags.originals.length > 0 ? await indexOriginals(flags.originals) : undefined
    const pseudonymPattern = flags['pseudonym-pattern'] !== undefined ? parsePseudonymPattern(flags['pseudonym-pattern']) : undefined
    const mode = flags.pixels === true ? 'all' : flags.pixels === false ? 'off' : 'auto'
    const result = await withPixelChecker(mode, flags['show-values'], (pixels) =>
      checkFiles(argv as string[], {options, safePrivate, showValues: flags['show-values'], ...(originals ? {originals} : {}), ...(pseudonymPattern ? {pseudonymPattern} : {}), ...(pixels ? {pixels} : {})}),
    )
    const t = result.totals
    process.exitCode = t.identifying > 0 ? 3 : t.unreadable > 0 || t.incomplete > 0 || t.pixelsNotDecoded > 0 ? 2 : 0
    if (!this.jsonEnabled()) {
      for (const f of result.files) {
        if (f.status === 'error') {
          this.log(`unreadable  ${f.file}: ${f.reason}`)
          continue
        }
        for (const n of f.readNotes ?? []) this.log(`    note: ${n}`)
        if (f.pixels?.status === 'checked') this.log(`    pixels: ${f.pixels.frames} of ${f.pixels.totalFrames} frame(s)${f.pixels.overlays ? ` and ${f.pixels.overlays} overlay(s)` : ''} read with OCR, ${f.pixels.boxes.length} text box(es) identifying`)
        else if (f.pixels?.status === 'not-decoded') this.log(`    pixels NOT CHECKED: ${f.pixels.reason}`)
        if (f.incomplete) this.log(`    INCOMPLETE: ${f.incomplete}; the rest of the file was not checked`)
        const head = f.identifying > 0 ? (f.quarantine ? 'QUARANTINE' : 'IDENTIFYING') : f.findings.length > 0 ? 'notes' : 'clean'
        this.log(`${head.padEnd(11)} ${f.file}${f.identifying > 0 ? ` (${f.identifying} identifying)` : ''}`)
        for (const x of f.findings) {
          this.log(`    ${(x.identifying ? '!' : '-')} ${x.path.padEnd(30)} ${(x.keyword ?? '').padEnd(34)} ${x.kind.padEnd(11)} ${x.message}${x.value !== undefined ? `: ${x.value}` : ''}`)
        }
      }
      this.log('')
      this.log(`${t.checked} file(s) checked, ${t.identifyingFiles} with identifiers (${t.identifying} item(s)), ${t.quarantined} to quarantine, ${t.unreadable} unreadable, ${t.skipped} non-DICOM skipped.`)
      this.log(`Patient Identity Removed missing or not YES in ${t.markerMissing}; method not recorded in ${t.methodMissing}; method contradicted in ${t.methodContradicted}.`)
      this.log(`Checked: headers of ${t.checked} file(s); pixels of ${t.pixelsChecked} (OCR). Not checked: pixels of ${t.pixelsSkipped} file(s)${t.pixelsNotDecoded ? `, ${t.pixelsNotDecoded} whose pixels could not be decoded` : ''}${t.incomplete ? `, the end of ${t.incomplete} truncated file(s)` : ''}${t.unreadable ? `, ${t.unreadable} unreadable file(s)` : ''}.`)
      this.log(
        t.identifying > 0
          ? 'Identifying information remains: do not send these files as de-identified.'
          : result.clean
            ? `No identifying information found in the headers${t.pixelsChecked ? ' or the pixels read' : ''}${t.pixelsSkipped ? '; pixels not read are not vouched for' : ''}.`
            : 'Not clean: some files or pixels could not be checked (see above); nothing is vouched for until they are.',
      )
    }
    return result
  }
}
