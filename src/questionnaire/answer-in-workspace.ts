import path from 'node:path'
import type {Readable} from 'node:stream'

import {loadVendor} from '../workspace/vendors.js'
import type {Workspace} from '../workspace/workspace-types.js'
import {runAnswerSession, type AnswerSessionResult} from './answer-session.js'
import {ANSWERS_FILE} from './import-answers.js'
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
}

/** The terminal session for a vendor's questionnaire, saving into the vendor's answers file. */
export const answerInWorkspace = async (opts: AnswerOptions): Promise<AnswerSessionResult> => {
  const vendor = await loadVendor(opts.workspace, opts.vendorId)
  const questionnaire = scopeQuestionnaire(await loadQuestionnaire(opts.questionnaire ?? vendor.profile.questionnaire?.id), vendor.profile.jurisdictions)
  const target = opts.file ? path.resolve(opts.cwd, opts.file) : path.join(vendor.dir, vendor.profile.questionnaire?.answers ?? ANSWERS_FILE)
  const {lines, close} = streamLines(opts.input)
  try {
    return await runAnswerSession({questionnaire, vendorId: opts.vendorId, vendorDir: vendor.dir, target, lines, write: opts.write, cwd: opts.cwd})
  } finally {
    close()
  }
}
