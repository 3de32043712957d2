import path from 'node:path'
import type {Readable} from 'node:stream'

import {answersFileOf, loadVendor} from '../workspace/vendors.js'
import type {Workspace} from '../workspace/workspace-types.js'
import {runAnswerSession, type AnswerSessionResult} from './answer-session.js'
import {runChangeSession, type ChangeAnswersResult, type ChangeMode} from './change-answers.js'
import {scopeQuestionnaire} from './jurisdiction-scope.js'
import {loadQuestionnaire} from './load-questionnaire.js'
import {streamLines} from './stdin-lines.js'

export interface AnswerOptions {
  readonly workspace: Workspace
  readonly vendorId: string
  readonly input: Readable
  readonly write: (text: string) => void
  readonly cwd: string
  readonly questionnaire?: string
  /** Default: the vendor's answers file (vendors/ID/answers.yaml). */
  readonly file?: string
  /** Change answers already given (one question, or a review of all) instead of filling the open ones. */
  readonly change?: ChangeMode
}

/** The terminal session for a vendor's questionnaire, saving into the vendor's answers file. */
export function answerInWorkspace(opts: AnswerOptions & {readonly change: ChangeMode}): Promise<ChangeAnswersResult>
export function answerInWorkspace(opts: AnswerOptions & {readonly change?: undefined}): Promise<AnswerSessionResult>
export function answerInWorkspace(opts: AnswerOptions): Promise<AnswerSessionResult | ChangeAnswersResult>
export async function answerInWorkspace(opts: AnswerOptions): Promise<AnswerSessionResult | ChangeAnswersResult> {
  const vendor = await loadVendor(opts.workspace, opts.vendorId)
  const questionnaire = scopeQuestionnaire(await loadQuestionnaire(opts.questionnaire ?? vendor.profile.questionnaire?.id), vendor.profile.jurisdictions)
  const target = opts.file ? path.resolve(opts.cwd, opts.file) : path.join(vendor.dir, answersFileOf(vendor.profile))
  const {lines, close} = streamLines(opts.input)
  try {
    const session = {questionnaire, vendorId: opts.vendorId, vendorDir: vendor.dir, target, lines, write: opts.write, cwd: opts.cwd}
    return opts.change ? await runChangeSession({...session, mode: opts.change}) : await runAnswerSession(session)
  } finally {
    close()
  }
}
