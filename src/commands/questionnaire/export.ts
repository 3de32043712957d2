import {Args, Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import {EXPORT_FORMATS, exportQuestionnaire, type ExportResult} from '../../questionnaire/export-questionnaire.js'
import {loadWorkspace} from '../../workspace/workspace.js'

/** With `-o -` and `--json`, the sheet or form is `text` in the JSON: standard output holds one JSON document. */
export type QuestionnaireExportResult = Omit<ExportResult, 'text'> & {readonly text?: string}

export default class QuestionnaireExport extends BaseCommand {
  static override summary = 'Write the questionnaire for a vendor to fill in: a YAML answer sheet or a self-contained HTML form.'
  static override description =
    'Both give back the same canonical answers file; take it in with `scanvet questionnaire import`. The HTML form makes no network requests: send it by email, the vendor opens it in any browser and presses "Save answers file".'
  static override examples = [
    '<%= config.bin %> questionnaire export acme',
    '<%= config.bin %> questionnaire export acme --format html -o acme-questionnaire.html',
    '<%= config.bin %> questionnaire export acme --output - > sheet.yaml',
  ]
  static override enableJsonFlag = true
  static override args = {vendor: Args.string({description: 'Vendor id.', required: true})}
  static override flags = {
    workspace: workspaceFlag,
    format: Flags.option({description: 'yaml: an answer sheet; html: a form to open in a browser.', options: EXPORT_FORMATS, default: 'yaml' as const})(),
    output: Flags.string({char: 'o', description: 'File to write, or - for standard output (default: in the vendor folder).'}),
    questionnaire: Flags.string({description: 'A questionnaire id or file instead of the vendor’s.'}),
  }

  async run(): Promise<QuestionnaireExportResult> {
    const {args, flags} = await this.parse(QuestionnaireExport)
    const workspace = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const r = await exportQuestionnaire({
      workspace,
      vendorId: args.vendor,
      format: flags.format,
      ...(flags.output ? {output: flags.output} : {}),
      ...(flags.questionnaire ? {questionnaire: flags.questionnaire} : {}),
    })
    const {text, ...result} = r
    if (!r.file) {
      if (this.jsonEnabled()) return {...result, text}
      process.stdout.write(text)
    } else this.log(`Wrote ${r.file}: ${r.questionnaire.id} ${r.questionnaire.version}, ${r.questions} questions (${r.format === 'html' ? 'open it in a browser' : 'fill in the empty values'}).`)
    return result
  }
}
