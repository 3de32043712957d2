import type {Problem} from '../errors.js'
import type {Jurisdiction} from '../workspace/workspace-types.js'
import {questionApplies} from './jurisdiction-scope.js'
import {nodeAt, positionOf} from '../validation/locate.js'
import {parseYaml, schemaProblems, sortProblems} from '../validation/validate-document.js'
import {evaluate, subjectsOf} from '../conditions/evaluate.js'
import {checkValue, closest} from './answer-types.js'
import {isEmbeddedDocument} from './embedded-document.js'
import {orderChoices} from './canonical-answers.js'
import {describeCondition} from './describe-condition.js'
import {compareVersions, planMigration, type MigrationMap} from './migrate-answers.js'
import {allQuestions, type AnswerValue, type AnswersFile, type Question, type Questionnaire} from './questionnaire-types.js'
import {answerResolver, isAsked} from './visibility.js'

/** An evidence file an answer names, to be found, hashed and copied by the importer. */
export interface EvidenceRef {
  readonly questionId: string
  /** The path as written, relative to the answers file. */
  readonly given: string
  readonly line: number
  readonly col: number
  readonly pointer: string
  /** A hash the file already carried; the file must still match it. */
  readonly sha256?: string
  /** A document the HTML form attached: its bytes as base64, with the size and hash it must have. `given` is its name. */
  readonly embedded?: {readonly content: string; readonly size: number; readonly sha256: string; readonly sizePointer: string; readonly sizeLine: number; readonly sizeCol: number}
}

export interface NotMigrated {
  readonly id: string
  readonly what: 'answer' | 'comment' | 'evidence'
  readonly reason: string
  readonly line: number
  readonly col: number
}

export interface MigrationReport {
  readonly from: string
  readonly to: string
  /** Versions passed through by the migration map, oldest first. */
  readonly path: readonly string[]
  /** No map reached the new version, so answers were carried over where the question id still exists. */
  readonly unmapped: boolean
  readonly migrated: number
  readonly notMigrated: readonly NotMigrated[]
  /** Required questions of the new version that the old answers do not answer. */
  readonly toAnswer: readonly string[]
}

export type AnswersCheck =
  | {
      readonly success: true
      /** Canonical, except evidence hashes, which the importer adds. */
      readonly answers: AnswersFile
      readonly evidence: readonly EvidenceRef[]
      readonly migration?: MigrationReport
      /** With `pruneUnasked`: answers dropped because their question is not asked given the other answers. */
      readonly pruned?: readonly NotMigrated[]
      readonly problems?: never
    }
  | {readonly success: false; readonly problems: readonly Problem[]; readonly answers?: never; readonly evidence?: never; readonly migration?: never}

export interface CheckAnswersOptions {
  readonly text: string
  /** The file name problems are reported against. */
  readonly file: string
  readonly questionnaire: Questionnaire
  readonly migrations?: MigrationMap
  /** The vendor the answers are imported for; a file naming another vendor is refused. */
  readonly vendor?: string
  /** A draft (the terminal's progress file): required questions may still be open. */
  readonly allowUnanswered?: boolean
  /** The vendor's jurisdictions: a required question of another jurisdiction is not asked of it, so need not be answered. */
  readonly jurisdictions?: readonly Jurisdiction[]
  /** Drop (and list) answers to questions the other answers leave unasked, instead of refusing the file. */
  readonly pruneUnasked?: boolean
}

const seg = (s: string): string => s.replaceAll('~', '~0').replaceAll('/', '~1')
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Blank entries in a filled-in answer sheet mean "not answered": drop them before judging the rest. */
const dropBlanks = (data: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {...data}
  for (const key of ['respondent', 'comments', 'evidence', 'answers'] as const) {
    if (out[key] === null) {
      if (key === 'answers') out[key] = {}
      else delete out[key]
      continue
    }
    if (isObject(out[key]) && key !== 'evidence') {
      out[key] = Object.fromEntries(Object.entries(out[key]).filter(([, v]) => v !== null && !(key !== 'answers' && v === '')))
    }
  }
  if (isObject(out.respondent) && Object.keys(out.respondent).length === 0) delete out.respondent
  return out
}

/**
 * Judge an answers file against the questionnaire (and the version) it names, collecting every problem at
 * file:line:col: unknown ids, wrong types, missing required answers, answers to questions not asked, a
 * foreign vendor or questionnaire. An older version is migrated instead: what carries over is kept, what
 * does not is listed, and nothing about it is an error. Pure: evidence files are the importer's job.
 */
export const checkAnswersText = (opts: CheckAnswersOptions): AnswersCheck => {
  const {file, questionnaire: q} = opts
  const {doc, lineCounter, problems: syntax} = parseYaml(opts.text, file, 'answers')
  if (syntax.length > 0) return {success: false, problems: syntax}
  let raw: unknown
  try {
    raw = doc.toJS({maxAliasCount: 100})
  } catch (error) {
    return {success: false, problems: [{file, line: 1, col: 1, message: `YAML cannot be read: ${(error as Error).message}`, pointer: ''}]}
  }
  if (raw === null || raw === undefined) return {success: false, problems: [{file, line: 1, col: 1, message: 'the file is empty', pointer: ''}]}
  const at = (pointer: string, atKey = false) => positionOf(nodeAt(doc, pointer, atKey), lineCounter)
  const problems: Problem[] = []
  const problem = (pointer: string, message: string, atKey = false) => problems.push({file, ...at(pointer, atKey), message, pointer})
  if (!isObject(raw)) {
    problem('', 'an answers file is a mapping with questionnaire, version and answers')
    return {success: false, problems}
  }
  const data = dropBlanks(raw)
  // An answer key that is not an id is reported below, at the key, as an unknown question.
  problems.push(...schemaProblems('answers', doc, lineCounter, file, data).filter((p) => p.pointer !== '/answers' || !isObject(data.answers)))
  const badPointers = new Set(problems.map((p) => p.pointer))

  if (typeof data.questionnaire === 'string' && data.questionnaire !== q.id) {
    problem('/questionnaire', `these answers are for questionnaire '${data.questionnaire}', but this vendor is assessed with '${q.id}'`)
    return {success: false, problems: sortProblems(problems)}
  }
  const version = typeof data.version === 'string' && /^[0-9]{4}\.[0-9]+$/.test(data.version) ? data.version : undefined
  if (version && compareVersions(version, q.version) > 0) {
    problem('/version', `these answers are for version ${version}, newer than the ${q.version} this scanvet knows; update scanvet`)
  }
  if (opts.vendor !== undefined && typeof data.vendor === 'string' && data.vendor !== opts.vendor) {
    problem('/vendor', `these answers are from vendor '${data.vendor}', not '${opts.vendor}'`)
  }
  if (!version || !isObject(data.answers) || problems.some((p) => p.pointer === '/version')) {
    // Never refuse without saying why.
    if (problems.length === 0) problem(isObject(data.answers) ? '/version' : '/answers', isObject(data.answers) ? 'version must be YEAR.N in quotes, e.g. "2026.1"' : 'answers must be a mapping of question id to answer')
    return {success: false, problems: sortProblems(problems)}
  }

  const migrating = compareVersions(version, q.version) < 0
  const plan = migrating ? planMigration(data.answers as Record<string, AnswerValue>, version, q.version, opts.migrations) : undefined
  const notMigrated: NotMigrated[] = []
  const pruned: NotMigrated[] = []
  const byId = new Map(allQuestions(q).map(({question}) => [question.id, question] as const))
  const ids = [...byId.keys()]
  const unknownId = (id: string) => {
    const near = closest(id, ids)
    return `no question '${id}' in ${q.id} ${q.version}${near ? `; did you mean '${near}'?` : ''}`
  }

  // 1. Each answer: a known question, a value of its type.
  const typed = new Map<string, AnswerValue>()
  const invalid = new Set<string>()
  const origin = new Map<string, string>()
  for (const [given, value] of Object.entries(data.answers)) {
    const pointer = `/answers/${seg(given)}`
    if (badPointers.has(pointer)) {
      invalid.add(given)
      continue
    }
    let id = given
    let v = value
    if (plan) {
      const moved = plan.moved.find((m) => m.from === given)!
      if (moved.status === 'dropped') {
        notMigrated.push({id: given, what: 'answer', reason: moved.reason, ...at(pointer, true)})
        continue
      }
      id = moved.id
      v = moved.value
    }
    const question = byId.get(id)
    if (!question) {
      if (plan) notMigrated.push({id: given, what: 'answer', reason: `version ${q.version} has no question '${id}'`, ...at(pointer, true)})
      else problem(pointer, unknownId(given), true)
      continue
    }
    const checked = checkValue(question, v)
    if (!checked.ok) {
      // Migrating, a value that no longer fits is simply not carried over: its question is open again.
      if (plan) notMigrated.push({id: given, what: 'answer', reason: checked.message, ...at(pointer)})
      else {
        problem(pointer, checked.message)
        invalid.add(id)
      }
      continue
    }
    typed.set(id, checked.value)
    origin.set(id, given)
  }

  // 2. In questionnaire order: an answer counts only when its question is asked given the answers before it.
  const kept: Record<string, AnswerValue> = {}
  const asked = new Set<string>()
  const dependsOnInvalid = (question: Question) => question.when !== undefined && subjectsOf(question.when).some((s) => invalid.has(s))
  for (const question of byId.values()) {
    if (!isAsked(question, kept)) {
      const v = typed.get(question.id)
      if (v === undefined || dependsOnInvalid(question)) continue
      const pointer = `/answers/${seg(origin.get(question.id)!)}`
      const why = `'${question.id}' is only asked when ${describeCondition(question.when!)}`
      // Unknown rather than false: the question it depends on is not answered (or its answer did not count).
      const open = evaluate(question.when!, answerResolver(kept)) === undefined
      const unmet = open ? `, and ${subjectsOf(question.when!).filter((id) => !Object.hasOwn(kept, id)).join(', ')} is not answered` : ''
      if (plan) notMigrated.push({id: origin.get(question.id)!, what: 'answer', reason: `${why}, which the other answers do not meet`, ...at(pointer, true)})
      else if (opts.pruneUnasked) pruned.push({id: origin.get(question.id)!, what: 'answer', reason: `${why}, which the other answers do not meet`, ...at(pointer, true)})
      else problem(pointer, open ? `${why}${unmet}; answer that first, or remove this answer` : `${why}; that does not hold for these answers, so remove this answer or change the earlier one`, true)
      continue
    }
    asked.add(question.id)
    const v = typed.get(question.id)
    if (v !== undefined) kept[question.id] = question.type === 'multi-choice' ? orderChoices(v as string[], question.options ?? []) : v
  }

  // 3. Required questions that are asked and not answered.
  const toAnswer: string[] = []
  for (const id of asked) {
    const question = byId.get(id)!
    if (!question.required || Object.hasOwn(kept, id) || invalid.has(id) || opts.allowUnanswered) continue
    if (opts.jurisdictions && !questionApplies(question, opts.jurisdictions)) continue
    if (plan) toAnswer.push(id)
    else {
      // A blank left in the answer sheet: point at it; otherwise at the answers mapping.
      const blank = isObject(raw.answers) && Object.hasOwn(raw.answers, id)
      problem(blank ? `/answers/${seg(id)}` : '/answers', `required question '${id}' is not answered: ${question.text}`, true)
    }
  }

  // 4. Comments and evidence files: for questions that are asked.
  const attached = (what: 'comments' | 'evidence', given: string): string | undefined => {
    const pointer = `/${what}/${seg(given)}`
    const mapped = plan ? plan.mapId(given) : {id: given}
    const kind = what === 'comments' ? 'comment' : 'evidence'
    if (mapped.reason !== undefined || !byId.has(mapped.id!) || !asked.has(mapped.id!)) {
      const reason =
        mapped.reason ?? (!byId.has(mapped.id!) ? unknownId(mapped.id!) : `'${mapped.id!}' is not asked given these answers (only when ${describeCondition(byId.get(mapped.id!)!.when!)})`)
      if (plan) notMigrated.push({id: given, what: kind, reason, ...at(pointer, true)})
      else problem(pointer, `${kind === 'comment' ? 'comment' : 'evidence file'}: ${reason}`, true)
      return undefined
    }
    return mapped.id
  }
  const comments: Record<string, string> = {}
  if (isObject(data.comments)) {
    for (const [given, text] of Object.entries(data.comments)) {
      if (badPointers.has(`/comments/${seg(given)}`) || typeof text !== 'string') continue
      const id = attached('comments', given)
      if (id) comments[id] = text
    }
  }
  const evidence: EvidenceRef[] = []
  if (isObject(data.evidence)) {
    for (const [given, entry] of Object.entries(data.evidence)) {
      if (!isObject(entry) || [...badPointers].some((p) => p.startsWith(`/evidence/${seg(given)}`))) continue
      if (isEmbeddedDocument(entry)) {
        const id = attached('evidence', given)
        if (!id) continue
        const pointer = `/evidence/${seg(given)}/content`
        const sizePointer = `/evidence/${seg(given)}/size`
        const size = at(sizePointer)
        evidence.push({
          questionId: id,
          given: entry.name,
          pointer,
          ...at(pointer),
          embedded: {content: entry.content, size: entry.size, sha256: entry.sha256, sizePointer, sizeLine: size.line, sizeCol: size.col},
        })
        continue
      }
      if (typeof entry.path !== 'string') continue
      const id = attached('evidence', given)
      if (!id) continue
      const pointer = `/evidence/${seg(given)}/path`
      evidence.push({questionId: id, given: entry.path, pointer, ...at(pointer), ...(typeof entry.sha256 === 'string' ? {sha256: entry.sha256} : {})})
    }
  }
  for (const [id, v] of Object.entries(kept)) {
    if (byId.get(id)!.type !== 'evidence-file' || evidence.some((e) => e.questionId === id)) continue
    const pointer = `/answers/${seg(origin.get(id)!)}`
    evidence.push({questionId: id, given: v as string, pointer, ...at(pointer)})
  }

  if (problems.length > 0) return {success: false, problems: sortProblems(problems)}
  const respondent = isObject(data.respondent) ? (data.respondent as AnswersFile['respondent']) : undefined
  const vendor = opts.vendor ?? (typeof data.vendor === 'string' ? data.vendor : undefined)
  const answers: AnswersFile = {
    questionnaire: q.id,
    version: q.version,
    ...(vendor !== undefined ? {vendor} : {}),
    ...(respondent ? {respondent} : {}),
    answers: kept,
    ...(Object.keys(comments).length > 0 ? {comments} : {}),
  }
  const migration: MigrationReport | undefined = plan
    ? {
        from: version,
        to: q.version,
        path: plan.path,
        unmapped: plan.unmapped,
        migrated: Object.keys(kept).length,
        notMigrated: notMigrated.sort((a, b) => a.line - b.line || a.col - b.col),
        toAnswer,
      }
    : undefined
  return {success: true, answers, evidence, ...(migration ? {migration} : {}), ...(opts.pruneUnasked ? {pruned} : {})}
}
