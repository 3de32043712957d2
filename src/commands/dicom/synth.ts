import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {MODALITIES} from '../../dicom/modalities.js'
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
  static override examples = ['<%= config.bin %> dicom synth --modality CT --out ./canary', '<%= config.bin %> dicom synth --modality MG --out . --json']
  static override enableJsonFlag = true
  static override flags = {
    modality: Flags.option({description: 'Kind of study.', options: MODALITIES, default: 'DX' as const})(),
    out: Flags.directory({description: 'Directory to write the .dcm files into (created if missing).', required: true}),
  }

  async run(): Promise<DicomSynthResult> {
    const {flags} = await this.parse(DicomSynth)
    const {synthesizeToDir} = await import('../../dicom/write-study.js')
    const r = await synthesizeToDir({modality: flags.modality, dir: flags.out})
    this.log(`Wrote ${r.files.length} synthetic ${r.canary.modality} file(s):`)
    for (const f of r.files) this.log(`  ${f}`)
    this.log(`StudyInstanceUID: ${r.canary.studyInstanceUid}`)
    this.log(`Canary token:     ${r.canary.token}`)
    return {canary: r.canary, files: r.files}
  }
}
