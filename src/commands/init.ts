import {Args, Flags} from '@oclif/core'

import {initWorkspace, type InitResult} from '../workspace/init-workspace.js'
import {BaseCommand} from '../cli/base-command.js'

export type InitCommandResult = InitResult

export default class Init extends BaseCommand {
  static override summary = 'Create a workspace: scanvet.yaml, vendors/, and a .gitignore that keeps keys out of git.'
  static override examples = [
    '<%= config.bin %> init --org "Riverside Imaging"',
    '<%= config.bin %> init audits --org "Riverside Imaging" --assessor "J. Smith"',
  ]
  static override enableJsonFlag = true
  static override args = {dir: Args.directory({description: 'Directory to create it in.', default: '.'})}
  static override flags = {
    org: Flags.string({description: 'Your practice or organisation, as reports should name it.', required: true}),
    assessor: Flags.string({description: 'Who performs the assessments.'}),
    framework: Flags.string({description: 'Framework catalogue in force (repeatable). Default: hipaa, gdpr-edpb, eu-ai-act and fda.', multiple: true}),
  }

  async run(): Promise<InitCommandResult> {
    const {args, flags} = await this.parse(Init)
    const result = await initWorkspace({
      dir: args.dir,
      organisation: flags.org,
      ...(flags.assessor ? {assessor: flags.assessor} : {}),
      ...(flags.framework ? {frameworks: flags.framework} : {}),
    })
    this.log(`Created a scanvet workspace in ${result.root}`)
    this.log('Next: scanvet vendor add ID --name NAME --endpoint URL')
    return result
  }
}
