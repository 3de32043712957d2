import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {deidFiles, type DeidRunResult} from '../../dicom/deid/deid-files.js'
import {DEID_OPTIONS} from '../../dicom/deid/deid-options.js'
import {DEFAULT_KEY_ENV, keyFromEnv} from '../../dicom/deid/keyed.js'
import {parseOptions, parseSafePrivate} from '../../dicom/deid/parse-settings.js'

export type DicomDeidResult = DeidRunResult

export default class DicomDeid extends BaseCommand {
  static override summary = 'Write de-identified copies of DICOM files (PS3.15 Annex E Basic Profile and options).'
  static override description = `Applies the profile's actions (remove, empty, dummy, keep, clean, replace UID) to every element, nested sequences included; removes private groups unless retain-safe-private names them; replaces UIDs and the patient ID with HMAC-SHA-256 pseudonyms under a secret key from the environment (${DEFAULT_KEY_ENV} by default), so a whole study set stays consistent across runs; with retain-modified-dates shifts every date of a patient by the same keyed offset; records Patient Identity Removed and the method codes. Images whose pixels may show text are quarantined (not written), unless --clean-pixels: then every frame is read with offline OCR, the identifying text found is blacked out in the pixel data (uncompressed images only; compressed ones stay quarantined), Burned In Annotation is set to NO with the Clean Pixel Data Option recorded, and the written pixels are read again: text still found there quarantines the file. OCR finds most text, not all of it: have a person look at cleaned images before they leave. Every output is re-checked.
Exit 0 when every file was cleaned, 3 when any was quarantined or still looks identifying, 2 for bad input (nothing is written).`
  static override examples = [
    `${DEFAULT_KEY_ENV}="$(openssl rand -base64 48)" <%= config.bin %> dicom deid outgoing/ deidentified/`,
    '<%= config.bin %> dicom deid study/ clean/ --option retain-modified-dates --option clean-descriptors',
    '<%= config.bin %> dicom deid ultrasound/ clean/ --clean-pixels',
  ]
  static override enableJsonFlag = true
  static override args = {
    input: Args.string({description: 'A DICOM file or a folder of them', required: true}),
    output: Args.string({description: 'Folder to write the de-identified copies to (outside the input)', required: true}),
  }
  static override flags = {
    profile: Flags.string({description: 'Confidentiality profile (PS3.15 Annex E).', options: ['basic'], default: 'basic'}),
    option: Flags.string({description: `Profile option (repeatable): ${DEID_OPTIONS.join(', ')}.`, multiple: true, default: []}),
    'safe-private': Flags.string({description: 'A private element to keep under retain-safe-private, as CREATOR:(gggg,xxee) (repeatable).', multiple: true, default: []}),
    'clean-pixels': Flags.boolean({description: 'Black out text burned into the pixels (offline OCR) instead of quarantining images that may show it.', default: false}),
    'key-env': Flags.string({description: 'Name of the environment variable holding the HMAC secret.', default: DEFAULT_KEY_ENV}),
  }

  async run(): Promise<DicomDeidResult> {
    const {args, flags} = await this.parse(DicomDeid)
    const options = parseOptions(flags.option)
    const safePrivate = parseSafePrivate(flags['safe-private'])
    const key = keyFromEnv(process.env, flags['key-env'])
    const result = await deidFiles(args.input, args.output, {options, safePrivate, key, cleanPixels: flags['clean-pixels']})
    process.exitCode = result.quarantined > 0 || result.notClean > 0 ? 3 : 0
    if (!this.jsonEnabled()) {
      for (const f of result.files) {
        if (f.status === 'quarantined') this.log(`QUARANTINE  ${f.input}: ${f.reason}; not written`)
        else {
          this.log(`${f.identifyingAfter > 0 ? 'CHECK' : 'cleaned'}     ${f.input} -> ${f.output}${f.pixelsCleaned ? ` (pixels: ${f.pixelsCleaned.length} box(es) blacked out)` : ''}`)
          for (const r of f.remaining) this.log(`    ! ${r}`)
        }
      }
      this.log('')
      this.log(`${result.cleaned} file(s) written to ${result.outDir}, ${result.quarantined} quarantined, ${result.notClean} still identifying after cleaning, ${result.skipped} non-DICOM skipped.`)
    }
    return result
  }
}
