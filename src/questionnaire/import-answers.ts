import {promises as fs} from 'node:fs'
import path from 'node:path'

import {InvalidInputError, type Problem} from '../errors.js'
import {displayPath} from '../paths.js'
import {writeFileAtomic} from '../workspace/atomic-write.js'
import {sha256Hex} from '../workspace/history.js'
import {readText} from '../workspace/read-input.js'
import {answersFileOf, loadVendor} from '../workspace/vendors.js'
import type {Jurisdiction, Workspace} from '../workspace/workspace-types.js'
import {askedAndAnswered, questionOrder} from './canonical-answers.js'
import {checkAnswersText, type EvidenceRef, type MigrationReport} from './check-answers.js'
import {loadQuestionnaireWithMigrations, type LoadedQuestionnaire} from './load-questionnaire.js'
import {questionApplies} from './jurisdiction-scope.js'
import {allQuestions, type AnswersFile, type AnswerValue, type Questionnaire} from './questionnaire-types.js'
import {isAnswered} from './visibility.js'
import {serialiseAnswers} from './serialise-answers.js'
import {compactBase64, documentCapWords, MAX_DOCUMENT_BYTES} from './embedded-document.js'
import {formatBytes} from '../yaml/yaml-limits.js'

export const EVIDENCE_DIR = 'evidence'

export interface ImportAnswersOptions {
  readonly workspace: Workspace
  readonly vendorId: string
  /** The answers file to import (a filled-in sheet, the HTML form's download, or an older answers file). */
  readonly file: string
  /** A questionnaire id or file, instead of the vendor's. */
  readonly questionnaire?: string
  /**
   * Accept required questions left open (a vendor's answers so far): they are listed in `open` and score as
   * not assessed until answered. Everything else is still checked as strictly.
   */
  readonly partial?: boolean
  /** Drop answers to questions the other answers leave unasked (listed in `pruned`) instead of refusing the file. */
  readonly pruneUnasked?: boolean
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
  /** With `partial`: required questions asked of this vendor and not answered yet. */
  readonly open?: readonly string[]
  /** With `pruneUnasked`: the answers dropped, where they were and why. */
  readonly pruned?: readonly {readonly id: string; readonly line: number; readonly col: number; readonly reason: string}[]
}

/** Required questions asked of a vendor (given its answers and jurisdictions) that have no answer yet. */
const openRequired = (q: Questionnaire, given: Readonly<Record<string, AnswerValue>>, jurisdictions: readonly Jurisdiction[]): string[] => {
  const {answers, asked} = askedAndAnswered(q, given)
  const byId = new Map(allQuestions(q).map(({question}) => [question.id, question]))
  return asked.filter((id) => {
    const question = byId.get(id)!
    return question.required && !isAnswered(answers[id]) && questionApplies(question, jurisdictions)
  })
}

/** A name safe in any file system, from the vendor's own file name. */
const safeName = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'file'

interface ReadEvidence {
  readonly ref: EvidenceRef
  readonly source: string
  readonly bytes: Buffer
  readonly sha256: string
}

/**
 * A document attached in the HTML form, decoded from its base64: within the cap, of the size and SHA-256 the
 * file records, or a located problem. Pure.
 */
export const readEmbedded = (ref: EvidenceRef, file: string): {bytes: Buffer; sha256: string; problem?: never} | {problem: Problem; bytes?: never; sha256?: never} => {
  const e = ref.embedded!
  const where = {file, line: ref.line, col: ref.col, pointer: ref.pointer}
  const doc = `attached document '${ref.given}' for '${ref.questionId}'`
  const flat = compactBase64(e.content)
  if (e.size > MAX_DOCUMENT_BYTES || flat.length > Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4) {
    return {problem: {...where, message: `${doc} is ${formatBytes(Math.max(e.size, Math.floor((flat.length * 3) / 4)))}; an attached document may be at most ${documentCapWords(MAX_DOCUMENT_BYTES)}; send it beside the answers file and name it by path instead`}}
  }
  // A plain character class, not groups: a 10 MiB document is 14 million characters.
  if (flat.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(flat)) {
    return {problem: {...where, message: `${doc}: its content is not valid base64 (the file was damaged after the form saved it); save the answers from the form again`}}
  }
  const bytes = Buffer.from(flat, 'base64')
  if (bytes.length !== e.size) {
    return {problem: {file, line: e.sizeLine, col: e.sizeCol, pointer: e.sizePointer, message: `${doc} is ${bytes.length} bytes, but the file records size ${e.size}; the content was changed after the form saved it`}}
  }
  const sha256 = sha256Hex(bytes)
  if (sha256 !== e.sha256) {
    return {problem: {...where, message: `${doc} does not match its SHA-256: the content hashes to ${sha256}, the file records ${e.sha256}; the content was changed after the form saved it`}}
  }
  return {bytes, sha256}
}

/** Find and hash every evidence file; every missing or changed one is a located problem. */
export const readEvidence = async (refs: readonly EvidenceRef[], baseDir: string, file: string): Promise<{read: ReadEvidence[]; problems: Problem[]}> => {
  const read: ReadEvidence[] = []
  const problems: Problem[] = []
  for (const ref of refs) {
    if (ref.embedded) {
      const r = readEmbedded(ref, file)
      if (r.problem) problems.push(r.problem)
      // No file on disk: the answers file itself is the source.
      else read.push({ref, source: path.resolve(baseDir, file), bytes: r.bytes, sha256: r.sha256})
      continue
    }
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
    text: await readText(source, 'answers'),
    file: shown,
    questionnaire: loaded.questionnaire,
    vendor: opts.vendorId,
    jurisdictions: vendor.profile.jurisdictions,
    ...(loaded.migrations ? {migrations: loaded.migrations} : {}),
    ...(opts.partial ? {allowUnanswered: true} : {}),
    ...(opts.pruneUnasked ? {pruneUnasked: true} : {}),
  })
  if (!checked.success) throw new InvalidInputError(checked.problems, ['Fix these and import again; nothing was written.'])
  const {read, problems} = await readEvidence(checked.evidence, path.dirname(source), shown)
  if (problems.length > 0) throw new InvalidInputError(problems, ['Fix these and import again; nothing was written.'])

  const target = path.join(vendor.dir, answersFileOf(vendor.profile))
  const evidence: ImportedEvidence[] = []
  const hashes: Record<string, {path: string; sha256: string}> = {}
  for (const e of read) {
    const rel = await storeEvidence(vendor.dir, target, e.ref.questionId, e.ref.given, e.source, e.bytes)
    hashes[e.ref.questionId] = {path: rel, sha256: e.sha256}
    evidence.push({questionId: e.ref.questionId, source: e.ref.embedded ? `${displayPath(source)} (attached)` : displayPath(e.source), path: displayPath(path.resolve(path.dirname(target), rel)), sha256: e.sha256})
  }
  const answers: AnswersFile = {...checked.answers, ...(evidence.length > 0 ? {evidence: hashes} : {})}
  await writeFileAtomic(target, serialiseAnswers(answers, questionOrder(loaded.questionnaire)))
  const open = opts.partial ? openRequired(loaded.questionnaire, checked.answers.answers, vendor.profile.jurisdictions) : undefined
  return {
    ...(open ? {open} : {}),
    ...(checked.pruned ? {pruned: checked.pruned.map((p) => ({id: p.id, line: p.line, col: p.col, reason: p.reason}))} : {}),
    vendor: opts.vendorId,
    questionnaire: {id: loaded.questionnaire.id, version: loaded.questionnaire.version},
    written: displayPath(target),
    answered: Object.keys(answers.answers).length,
    evidence,
    ...(checked.migration ? {migration: checked.migration} : {}),
  }
}
