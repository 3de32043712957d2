import {Args, Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import {importAnswers, type ImportAnswersResult} from '../../questionnaire/import-answers.js'
import {loadWorkspace} from '../../workspace/workspace.js'

export type QuestionnaireImportResult = ImportAnswersResult

export default class QuestionnaireImport extends BaseCommand {
  static override summary = 'Check a vendor’s answers file and keep it as vendors/ID/answers.yaml.'
  static override description =
    'Every problem is reported at file:line:col at once (unknown questions, wrong types, missing required answers, answers to questions not asked, missing evidence files), with exit 2 and nothing written. Evidence files are hashed (SHA-256) and copied into the vendor folder. Answers to an older questionnaire version are migrated, and what could not be migrated is listed.'
  static override examples = ['<%= config.bin %> questionnaire import acme ~/Downloads/answers-acme-imaging-ai-vendor-2026.1.yaml', '<%= config.bin %> questionnaire import acme filled-sheet.yaml --json']
  static override enableJsonFlag = true
  static override args = {
    vendor: Args.string({description: 'Vendor id.', required: true}),
    file: Args.string({description: 'The answers file: a filled-in sheet, the form’s saved file, or an older answers file.', required: true}),
  }
  static override flags = {
    workspace: workspaceFlag,
    questionnaire: Flags.string({description: 'A questionnaire id or file instead of the vendor’s.'}),
    'prune-unasked': Flags.boolean({description: 'Drop answers to questions the other answers leave unasked (a changed earlier answer), listing each, instead of refusing the file.'}),
    partial: Flags.boolean({description: 'Accept required questions left open (the vendor’s answers so far); they are listed and score as not assessed until answered. Everything else is checked as strictly.'}),
  }

  async run(): Promise<QuestionnaireImportResult> {
    const {args, flags} = await this.parse(QuestionnaireImport)
    const workspace = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const r = await importAnswers({workspace, vendorId: args.vendor, file: args.file, ...(flags.questionnaire ? {questionnaire: flags.questionnaire} : {}), ...(flags.partial ? {partial: true} : {}), ...(flags['prune-unasked'] ? {pruneUnasked: true} : {})})
    this.log(`Imported ${r.answered} answers to ${r.questionnaire.id} ${r.questionnaire.version} for ${r.vendor}: ${r.written}`)
    for (const e of r.evidence) this.log(`  evidence ${e.questionId}: ${e.path} sha256 ${e.sha256}`)
    const m = r.migration
    if (m) {
      this.log(`Migrated from version ${m.from} to ${m.to}${m.unmapped ? ' (no migration map; answers kept where the question still exists)' : ` via ${m.path.join(' → ')}`}: ${m.migrated} answers carried over.`)
      if (m.notMigrated.length > 0) {
        this.log(`Not migrated (${m.notMigrated.length}):`)
        for (const n of m.notMigrated) this.log(`  ${args.file}:${n.line}:${n.col}: ${n.what} '${n.id}': ${n.reason}`)
      }
      if (m.toAnswer.length > 0) this.log(`Required in ${m.to} and still to answer: ${m.toAnswer.join(', ')}`)
    }
    if (r.pruned && r.pruned.length > 0) {
      this.log(`Dropped (${r.pruned.length}), not asked given the other answers:`)
      for (const p of r.pruned) this.log(`  ${args.file}:${p.line}:${p.col}: '${p.id}': ${p.reason}`)
    }
    if (r.open && r.open.length > 0) this.log(`Still to answer (${r.open.length} required): ${r.open.join(', ')}`)
    return r
  }
}
