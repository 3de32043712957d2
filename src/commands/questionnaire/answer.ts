import {Args, Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import type {AnswerSessionResult} from '../../questionnaire/answer-session.js'
import type {ChangeAnswersResult} from '../../questionnaire/change-answers.js'
import {loadWorkspace} from '../../workspace/workspace.js'

export type QuestionnaireAnswerResult = AnswerSessionResult | ChangeAnswersResult

export default class QuestionnaireAnswer extends BaseCommand {
  static override summary = 'Answer the questionnaire in the terminal; saves after every answer and resumes where it stopped.'
  static override description =
    'Only questions whose conditions hold are asked. Answers go to vendors/ID/answers.yaml (the same canonical file the form and the sheet give after import). Input may be piped: one answer per line. ' +
    'With --question ID one answer is changed (Enter keeps it); with --review every answer given is shown in turn. Each change is checked as import checks a file and saved at once; answers a change leaves unasked are removed and listed.'
  static override examples = [
    '<%= config.bin %> questionnaire answer acme',
    'printf "Jane\\nCISO\\n\\ny\\n" | <%= config.bin %> questionnaire answer acme',
    '<%= config.bin %> questionnaire answer acme --question agreements.baa-signed',
    '<%= config.bin %> questionnaire answer acme --review',
  ]
  static override enableJsonFlag = true
  static override args = {vendor: Args.string({description: 'Vendor id.', required: true})}
  static override flags = {
    workspace: workspaceFlag,
    questionnaire: Flags.string({description: 'A questionnaire id or file instead of the vendor’s.'}),
    file: Flags.string({description: 'Answers file to fill and resume (default: vendors/ID/answers.yaml).'}),
    question: Flags.string({description: 'Change the answer to this one question (id), answered already or not.', helpValue: 'ID', exclusive: ['review']}),
    review: Flags.boolean({description: 'Walk through every answer given: Enter keeps it, a new value replaces it.', exclusive: ['question']}),
  }

  async run(): Promise<QuestionnaireAnswerResult> {
    const {args, flags} = await this.parse(QuestionnaireAnswer)
    const {answerInWorkspace} = await import('../../questionnaire/answer-in-workspace.js')
    const workspace = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    // With --json the prompts go to stderr so that standard output stays one JSON document.
    const out = this.jsonEnabled() ? process.stderr : process.stdout
    return answerInWorkspace({
      workspace,
      vendorId: args.vendor,
      input: process.stdin,
      write: (t) => out.write(t),
      cwd: process.cwd(),
      ...(flags.questionnaire ? {questionnaire: flags.questionnaire} : {}),
      ...(flags.file ? {file: flags.file} : {}),
      ...(flags.question ? {change: {kind: 'question' as const, id: flags.question}} : flags.review ? {change: {kind: 'review' as const}} : {}),
    })
  }
}
