import path from 'node:path'

import {displayPath} from '../paths.js'
import {writeFileAtomic} from '../workspace/atomic-write.js'
import {loadVendor} from '../workspace/vendors.js'
import type {Workspace} from '../workspace/workspace-types.js'
import {renderAnswerSheet} from './answer-sheet.js'
import {renderAnswerForm} from './form-page.js'
import {scopeQuestionnaire} from './jurisdiction-scope.js'
import {loadQuestionnaire} from './load-questionnaire.js'
import {allQuestions} from './questionnaire-types.js'

export const EXPORT_FORMATS = ['yaml', 'html'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportOptions {
  readonly workspace: Workspace
  readonly vendorId: string
  readonly format: ExportFormat
  /** Where to write; '-' for none (the caller prints `text`). Default: in the vendor folder. */
  readonly output?: string
  readonly questionnaire?: string
}

export interface ExportResult {
  readonly vendor: string
  readonly questionnaire: {readonly id: string; readonly version: string}
  readonly format: ExportFormat
  readonly questions: number
  /** The file written, or undefined when written to standard output. */
  readonly file?: string
  readonly text: string
}

/** The answer sheet (YAML) or the self-contained form (HTML) for a vendor to fill in. */
export const exportQuestionnaire = async (opts: ExportOptions): Promise<ExportResult> => {
  const vendor = await loadVendor(opts.workspace, opts.vendorId)
  // Only the questions of the vendor's jurisdictions: a US-only vendor is never asked the GDPR ones.
  const q = scopeQuestionnaire(await loadQuestionnaire(opts.questionnaire ?? vendor.profile.questionnaire?.id), vendor.profile.jurisdictions)
  const who = {id: vendor.profile.id, name: vendor.profile.name}
  const text = opts.format === 'html' ? await renderAnswerForm(q, {vendor: who}) : renderAnswerSheet(q, who)
  const file = opts.output === '-' ? undefined : path.resolve(opts.output ?? path.join(vendor.dir, `questionnaire-${q.id}-${q.version}.${opts.format}`))
  if (file) await writeFileAtomic(file, text)
  return {
    vendor: vendor.profile.id,
    questionnaire: {id: q.id, version: q.version},
    format: opts.format,
    questions: allQuestions(q).length,
    ...(file ? {file: displayPath(file)} : {}),
    text,
  }
}
