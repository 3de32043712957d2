import {promises as fs} from 'node:fs'
import path from 'node:path'

import {InvalidInputError, type Problem} from '../errors.js'
import {displayPath} from '../paths.js'
import {writeFileAtomic} from '../workspace/atomic-write.js'
import {sha256Hex} from '../workspace/history.js'
import {readText} from '../workspace/read-input.js'
import {loadVendor} from '../workspace/vendors.js'
import type {Workspace} from '../workspace/workspace-types.js'
import {questionOrder} from './canonical-answers.js'
import {checkAnswersText, type EvidenceRef, type MigrationReport} from './check-answers.js'
import {loadQuestionnaireWithMigrations, type LoadedQuestionnaire} from './load-questionnaire.js'
import type {AnswersFile} from './questionnaire-types.js'
import {serialiseAnswers} from './serialise-answers.js'

export const ANSWERS_FILE = 'answers.yaml'
export const EVIDENCE_DIR = 'evidence'

export interface ImportAnswersOptions {
  readonly workspace: Workspace
  readonly vendorId: string
  /** The answers file to import (a filled-in sheet, the HTML form's download, or an older answers file). */
  readonly file: string
  /** A questionnaire id or file, instead of the vendor's. */
  readonly questionnaire?: string
}

export interface ImportedEvidence {
  readonly questionId: string
  readonly source: string
  readonly path: string
  readonly sha256: string
}

export interface ImportAnswersResult {
  readonly vendor: string
  readonly questionnaire: {readonly id: string; readonly version: string}
  /** vendors/ID/answers.yaml as written. */
  readonly written: string
  readonly answered: number
  readonly evidence: readonly ImportedEvidence[]
  readonly migration?: MigrationReport
}

/** A name safe in any file system, from the vendor's own file name. */
const safeName = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'file'

interface ReadEvidence {
  readonly ref: EvidenceRef
  readonly source: string
  readonly bytes: Buffer
  readonly sha256: string
}

/** Find and hash every evidence file; every missing or changed one is a located problem. */
export const readEvidence = async (refs: readonly EvidenceRef[], baseDir: string, file: string): Promise<{read: ReadEvidence[]; problems: Problem[]}> => {
  const read: ReadEvidence[] = []
  const problems: Problem[] = []
  for (const ref of refs) {
    const source = path.resolve(baseDir, ref.given)
    const where = {file, line: ref.line, col: ref.col, pointer: ref.pointer}
    let bytes: Buffer
    try {
      const st = await fs.stat(source)
      if (!st.isFile()) {
        problems.push({...where, message: `evidence file '${ref.given}' for '${ref.questionId}' is not a file (${displayPath(source)})`})
        continue
      }
      bytes = await fs.readFile(source)
    } catch {
      problems.push({...where, message: `evidence file '${ref.given}' for '${ref.questionId}' does not exist (looked for ${displayPath(source)}); send it with the answers, beside the answers file`})
      continue
    }
    const sha256 = sha256Hex(bytes)
    if (ref.sha256 !== undefined && ref.sha256 !== sha256) {
      problems.push({...where, message: `evidence file '${ref.given}' for '${ref.questionId}' has changed: its SHA-256 is ${sha256}, the answers record ${ref.sha256}`})
      continue
    }
    read.push({ref, source, bytes, sha256})
  }
  return {read, problems}
}

/** Where an evidence file for a question is kept in the vendor folder. */
export const evidenceStorePath = (vendorDir: string, questionId: string, given: string): string =>
  path.join(vendorDir, EVIDENCE_DIR, safeName(questionId), safeName(path.basename(given)))

/** Copy an evidence file into the vendor folder (unless it is already there); its path as the answers file records it. */
export const storeEvidence = async (vendorDir: string, answersTarget: string, questionId: string, given: string, source: string, bytes: Uint8Array): Promise<string> => {
  const stored = evidenceStorePath(vendorDir, questionId, given)
  if (path.resolve(stored) !== path.resolve(source)) await writeFileAtomic(stored, bytes)
  return path.relative(path.dirname(answersTarget), stored).split(path.sep).join('/')
}

/**
 * Import an answers file for a vendor: check it against the questionnaire version it names (or migrate it
 * from an older one), find and hash its evidence files, copy them into the vendor folder, and write the
 * canonical vendors/ID/answers.yaml atomically. Any problem: all of them at once, and nothing written.
 */
export const importAnswers = async (opts: ImportAnswersOptions): Promise<ImportAnswersResult> => {
  const vendor = await loadVendor(opts.workspace, opts.vendorId)
  const loaded: LoadedQuestionnaire = await loadQuestionnaireWithMigrations(opts.questionnaire ?? vendor.profile.questionnaire?.id)
  const source = path.resolve(opts.file)
  const shown = displayPath(source)
  const checked = checkAnswersText({
    text: await readText(source),
    file: shown,
    questionnaire: loaded.questionnaire,
    vendor: opts.vendorId,
    ...(loaded.migrations ? {migrations: loaded.migrations} : {}),
  })
  if (!checked.success) throw new InvalidInputError(checked.problems, ['Fix these and import again; nothing was written.'])
  const {read, problems} = await readEvidence(checked.evidence, path.dirname(source), shown)
  if (problems.length > 0) throw new InvalidInputError(problems, ['Fix these and import again; nothing was written.'])

  const target = path.join(vendor.dir, vendor.profile.questionnaire?.answers ?? ANSWERS_FILE)
  const evidence: ImportedEvidence[] = []
  const hashes: Record<string, {path: string; sha256: string}> = {}
  for (const e of read) {
    const rel = await storeEvidence(vendor.dir, target, e.ref.questionId, e.ref.given, e.source, e.bytes)
    hashes[e.ref.questionId] = {path: rel, sha256: e.sha256}
    evidence.push({questionId: e.ref.questionId, source: displayPath(e.source), path: displayPath(path.resolve(path.dirname(target), rel)), sha256: e.sha256})
  }
  const answers: AnswersFile = {...checked.answers, ...(evidence.length > 0 ? {evidence: hashes} : {})}
  await writeFileAtomic(target, serialiseAnswers(answers, questionOrder(loaded.questionnaire)))
  return {
    vendor: opts.vendorId,
    questionnaire: {id: loaded.questionnaire.id, version: loaded.questionnaire.version},
    written: displayPath(target),
    answered: Object.keys(answers.answers).length,
    evidence,
    ...(checked.migration ? {migration: checked.migration} : {}),
  }
}
