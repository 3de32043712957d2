import {Args, Flags} from '@oclif/core'

import {InvalidInputError} from '../errors.js'
import {INPUT_KINDS} from '../schemas/index.js'
import {validateFiles, type FileValidation} from '../validation/validate-files.js'
import {workspaceInputFiles} from '../workspace/workspace-files.js'
import {BaseCommand, workspaceFlag} from '../cli/base-command.js'

export interface ValidateResult {
  readonly ok: boolean
  readonly files: readonly FileValidation[]
}

export default class Validate extends BaseCommand {
  static override summary = 'Check input files against their schemas; every problem at file:line:col.'
  static override description = 'With no files, validates the workspace: scanvet.yaml, every vendor.yaml and answers file. Exit 2 when anything is wrong.'
  static override examples = [
    '<%= config.bin %> validate',
    '<%= config.bin %> validate vendors/acme/vendor.yaml',
    '<%= config.bin %> validate my-answers.yaml --kind answers',
  ]
  static override enableJsonFlag = true
  static override strict = false
  static override args = {files: Args.file({description: 'Files to validate (default: the whole workspace).', exists: false})}
  static override flags = {
    workspace: workspaceFlag,
    kind: Flags.string({description: 'Kind of every file given (default: from the file’s place).', options: [...INPUT_KINDS]}),
  }

  async run(): Promise<ValidateResult> {
    const {argv, flags} = await this.parse(Validate)
    const files = argv.length > 0 ? (argv as string[]) : await workspaceInputFiles({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const results = await validateFiles(files, flags.kind)
    const problems = results.flatMap((r) => r.problems)
    if (problems.length > 0) throw new InvalidInputError(problems)
    for (const r of results) this.log(`ok  ${r.file} (${r.kind})`)
    return {ok: true, files: results}
  }
}
