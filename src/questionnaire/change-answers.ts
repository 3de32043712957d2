import {promises as fs} from 'node:fs'
import path from 'node:path'

import {InvalidInputError, ScanvetError} from '../errors.js'
import {displayPath} from '../paths.js'
import {writeFileAtomic} from '../workspace/atomic-write.js'
import {sha256Hex} from '../workspace/history.js'
import {closest} from './answer-types.js'
import {parseTyped, prompt, resume, type AnswerSessionOptions} from './answer-session.js'
import {askedAndAnswered, canonicalAnswersFile, questionOrder} from './canonical-answers.js'
import {checkAnswersText} from './check-answers.js'
import {describeCondition} from './describe-condition.js'
import {storeEvidence} from './import-answers.js'
import type {AnswerValue, AnswersFile, Question} from './questionnaire-types.js'
import {serialiseAnswers} from './serialise-answers.js'

/** One question (`--question ID`), or every answer given so far in questionnaire order (`--review`). */
export type ChangeMode = {readonly kind: 'question'; readonly id: string} | {readonly kind: 'review'}

export interface AnswerChange {
  readonly id: string
  readonly from?: AnswerValue
  readonly to: AnswerValue
}

export interface ChangeAnswersResult {
  readonly file: string
  readonly mode: ChangeMode['kind']
  readonly changed: readonly AnswerChange[]
  /** Answers no longer asked after a change (an earlier answer now hides their question): removed from the file. */
  readonly dropped: readonly string[]
  /** Questions a change now asks that have no answer yet: `questionnaire answer VENDOR` asks them. */
  readonly newlyAsked: readonly string[]
  /** Answers shown and kept as they were (Enter). */
  readonly kept: number
  /** False when the input ended before every answer shown was kept or changed. */
  readonly complete: boolean
}

/** An answer as the person typed it: yes/no, lists joined by commas. */
export const showValue = (v: AnswerValue | undefined): string =>
  v === undefined ? '(no answer)' : v === true ? 'yes' : v === false ? 'no' : Array.isArray(v) ? v.join(', ') : String(v)

/**
 * Change answers already given, in the terminal or from a pipe: `--question ID` asks that one question (answered
 * or not, as long as the other answers ask it), `--review` walks through every answer given, Enter keeping each.
 * A typed value is checked as the session checks it; the whole file after the change is then checked as import
 * checks a draft (`--partial`), and saved atomically after each change. A value that is refused is asked again;
 * if the input ends on a refused value, that answer is unchanged and the command fails with the reason (exit 2).
 */
export const runChangeSession = async (opts: AnswerSessionOptions & {readonly mode: ChangeMode}): Promise<ChangeAnswersResult> => {
  const q = opts.questionnaire
  const order = questionOrder(q)
  const byId = new Map(q.sections.flatMap((s) => s.questions).map((x) => [x.id, x] as const))
  const existing = await resume(opts)
  if (!existing && opts.mode.kind === 'review') {
    throw new ScanvetError('NOT_FOUND', `${opts.vendorId} has no answers to review yet (${displayPath(opts.target)})`, [`Answer them first: scanvet questionnaire answer ${opts.vendorId}`])
  }
  let file: AnswersFile = existing ?? {questionnaire: q.id, version: q.version, vendor: opts.vendorId, answers: {}}

  if (opts.mode.kind === 'question') {
    const id = opts.mode.id
    const question = byId.get(id)
    if (!question) {
      const near = closest(id, order)
      throw new ScanvetError('INVALID_INPUT', `${q.id} ${q.version} has no question '${id}' asked of ${opts.vendorId}${near ? `; did you mean '${near}'?` : ''}`, [
        near ? `scanvet questionnaire answer ${opts.vendorId} --question ${near}` : `See the question ids: scanvet questionnaire export ${opts.vendorId} --output -`,
      ])
    }
    if (!askedAndAnswered(q, file.answers).asked.includes(id)) {
      throw new ScanvetError('INVALID_INPUT', `${id} is not asked of ${opts.vendorId} with the answers given: it is asked when ${question.when ? describeCondition(question.when) : 'its section applies'}`, [
        'Change the answer it depends on first, or review them all: scanvet questionnaire answer ' + `${opts.vendorId} --review`,
      ])
    }
  }

  const next = async (): Promise<string | undefined> => {
    const r = await opts.lines.next()
    return r.done ? undefined : String(r.value)
  }
  const changed: AnswerChange[] = []
  const dropped: string[] = []
  const newlyAsked = new Set<string>()
  let kept = 0
  let ended = false

  /** Apply one valid value: check the whole file as import would, save it, say what else the change did. */
  const apply = async (question: Question, value: AnswerValue, evidence?: {path: string; sha256: string}): Promise<void> => {
    const before = askedAndAnswered(q, file.answers)
    const after = canonicalAnswersFile(q, {...file, answers: {...file.answers, [question.id]: value}, ...(evidence ? {evidence: {...file.evidence, [question.id]: evidence}} : {})})
    const text = serialiseAnswers(after, order)
    const checked = checkAnswersText({text, file: displayPath(opts.target), questionnaire: q, vendor: opts.vendorId, allowUnanswered: true})
    if (!checked.success) throw new InvalidInputError(checked.problems, [`${displayPath(opts.target)} is unchanged.`])
    await writeFileAtomic(opts.target, text)
    const nowAsked = askedAndAnswered(q, after.answers).asked
    const gone = Object.keys(before.answers).filter((x) => x !== question.id && !Object.hasOwn(after.answers, x))
    const added = nowAsked.filter((x) => !before.asked.includes(x) && !Object.hasOwn(after.answers, x))
    changed.push({id: question.id, ...(before.answers[question.id] === undefined ? {} : {from: before.answers[question.id]}), to: after.answers[question.id]!})
    dropped.push(...gone)
    for (const x of added) newlyAsked.add(x)
    opts.write(`  Saved: ${showValue(after.answers[question.id])}.\n`)
    for (const x of gone) opts.write(`  No longer asked, so its answer was removed: ${byId.get(x)!.text} [${x}]\n`)
    for (const x of added) opts.write(`  Now also asked: ${byId.get(x)!.text} [${x}]\n`)
    file = after
  }

  /** Ask one question until a valid value, Enter (keep) or the end of input. */
  const ask = async (question: Question, n: number, total: number): Promise<'kept' | 'changed' | 'ended'> => {
    const current = file.answers[question.id]
    let refused: string | undefined
    for (;;) {
      opts.write(`${prompt(question, n, total, current === undefined ? 'Enter to leave it unanswered' : 'Enter keeps the current answer').replace(/\n> $/, '')}\n  Current answer: ${showValue(current)}\n> `)
      const line = await next()
      if (line === undefined) {
        if (refused !== undefined) throw new ScanvetError('INVALID_INPUT', `${question.id}: ${refused}; its answer is unchanged`, [`scanvet questionnaire answer ${opts.vendorId} --question ${question.id}`])
        return 'ended'
      }
      const parsed = parseTyped(question, line)
      if (!parsed.ok) {
        refused = parsed.message
        opts.write(`  ✗ ${parsed.message}\n`)
        continue
      }
      if (parsed.value === undefined) return 'kept'
      if (question.type === 'evidence-file') {
        const source = path.resolve(opts.cwd, parsed.value as string)
        const bytes = await fs.readFile(source).catch(() => undefined)
        if (!bytes) {
          refused = `no file ${displayPath(source)}`
          opts.write(`  ✗ ${refused}\n`)
          continue
        }
        const stored = await storeEvidence(opts.vendorDir, opts.target, question.id, parsed.value as string, source, bytes)
        await apply(question, parsed.value, {path: stored, sha256: sha256Hex(bytes)})
      } else await apply(question, parsed.value)
      return 'changed'
    }
  }

  if (opts.mode.kind === 'question') {
    const question = byId.get(opts.mode.id)!
    const r = await ask(question, order.indexOf(question.id) + 1, order.length)
    if (r === 'kept') kept++
    ended = r === 'ended'
  } else {
    // Every answer given, in questionnaire order; a change may remove later ones (then they are not shown).
    const total = Object.keys(askedAndAnswered(q, file.answers).answers).length
    let shown = 0
    for (const id of order) {
      if (!Object.hasOwn(askedAndAnswered(q, file.answers).answers, id)) continue
      shown++
      const r = await ask(byId.get(id)!, shown, Math.max(total, shown))
      if (r === 'ended') {
        ended = true
        break
      }
      if (r === 'kept') kept++
    }
  }
  const stillOpen = [...newlyAsked].filter((x) => !Object.hasOwn(file.answers, x))
  opts.write(
    `\n${ended ? 'Stopped. ' : ''}${changed.length} answer(s) changed, ${kept} kept${dropped.length ? `, ${dropped.length} removed as no longer asked` : ''}; ${displayPath(opts.target)}${changed.length ? ' saved' : ' unchanged'}.` +
      `${stillOpen.length ? ` Newly asked and open: ${stillOpen.join(', ')} (scanvet questionnaire answer ${opts.vendorId}).` : ''}\n`,
  )
  return {file: displayPath(opts.target), mode: opts.mode.kind, changed, dropped, newlyAsked: stillOpen, kept, complete: !ended}
}
