import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {InvalidInputError} from '../../errors.js'
import {bundledQuestionnaireFiles, lintFiles} from '../../questionnaire/lint-files.js'
import type {LintResult} from '../../questionnaire/lint-questionnaire.js'

export interface QuestionnaireLintResult {
  readonly ok: boolean
  readonly results: readonly LintResult[]
}

export default class QuestionnaireLint extends BaseCommand {
  static override summary = 'Lint questionnaires: schema, unique ids, conditions on earlier questions and real options, no unreachable question, every question mapped to a control.'
  static override description = 'With no file, lints the bundled questionnaires. Exit 2 with every problem at file:line:col.'
  static override examples = ['<%= config.bin %> questionnaire lint', '<%= config.bin %> questionnaire lint my-questionnaire.yaml --frameworks checks/frameworks']
  static override enableJsonFlag = true
  static override strict = false
  static override args = {file: Args.string({description: 'Questionnaire files (default: the bundled ones).'})}
  static override flags = {frameworks: Flags.directory({description: 'Folder of framework catalogues to check control coverage against (default: the bundled ones).'})}

  async run(): Promise<QuestionnaireLintResult> {
    const {argv, flags} = await this.parse(QuestionnaireLint)
    const files = argv.length > 0 ? (argv as string[]) : await bundledQuestionnaireFiles()
    const results = await lintFiles(files, ...(flags.frameworks ? [flags.frameworks] : []))
    for (const r of results) for (const n of r.notes) this.logToStderr(`note: ${n}`)
    const problems = results.flatMap((r) => r.problems)
    if (problems.length > 0) throw new InvalidInputError(problems)
    for (const r of results) this.log(`ok  ${r.file} (${r.questionnaire?.id} ${r.questionnaire?.version}, ${r.questionnaire?.questions} questions)`)
    return {ok: true, results}
  }
}
