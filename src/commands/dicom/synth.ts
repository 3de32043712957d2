import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {MODALITIES} from '../../dicom/modalities.js'
import {ScanvetError} from '../../errors.js'
import type {CanaryRecord} from '../../dicom/synthesize.js'

export interface DicomSynthResult {
  readonly canary: CanaryRecord
  readonly files: readonly string[]
}

export default class DicomSynth extends BaseCommand {
  static override summary = 'Write a synthetic DICOM study (no real person) carrying a unique canary.'
  static override description =
    'Generated pixels, PatientName SCANVET^CANARY, fresh 2.25 UIDs and a canary token in StudyDescription and ImageComments. ' +
    'This is what the retention probe sends to a vendor.'
  static override examples = ['<%= config.bin %> dicom synth --modality CT -o ./canary', '<%= config.bin %> dicom synth --modality MG --output . --json']
  static override enableJsonFlag = true
  static override flags = {
    modality: Flags.option({description: 'Kind of study.', options: MODALITIES, default: 'DX' as const})(),
    // `--out` was this flag's name before every command took -o/--output; it still works, with a warning.
    output: Flags.string({
      char: 'o',
      description: 'Directory to write the .dcm files into (created if missing). A study is several files, so not - (standard output).',
      required: true,
      aliases: ['out'],
      deprecateAliases: true,
      helpValue: 'DIR',
    }),
  }

  async run(): Promise<DicomSynthResult> {
    const {flags} = await this.parse(DicomSynth)
    const {synthesizeToDir} = await import('../../dicom/write-study.js')
    if (flags.output === '-') {
      throw new ScanvetError('INVALID_INPUT', 'dicom synth writes a study of several .dcm files, so --output is a folder, not - (standard output)', [
        `scanvet dicom synth --modality ${flags.modality} --output ./canary`,
      ])
    }
    const r = await synthesizeToDir({modality: flags.modality, dir: flags.output})
    this.log(`Wrote ${r.files.length} synthetic ${r.canary.modality} file(s):`)
    for (const f of r.files) this.log(`  ${f}`)
    this.log(`StudyInstanceUID: ${r.canary.studyInstanceUid}`)
    this.log(`Canary token:     ${r.canary.token}`)
    return {canary: r.canary, files: r.files}
  }
}
