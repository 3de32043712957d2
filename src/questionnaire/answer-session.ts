import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {InvalidInputError, ScanvetError} from '../errors.js'
import {displayPath} from '../paths.js'
import {sha256Hex} from '../workspace/history.js'
import {writeFileAtomic} from '../workspace/atomic-write.js'
import {checkValue, expectedForm, isCalendarDate} from './answer-types.js'
import {askedAndAnswered, canonicalAnswersFile, questionOrder} from './canonical-answers.js'
import {checkAnswersText} from './check-answers.js'
import {storeEvidence} from './import-answers.js'
import type {AnswerValue, AnswersFile, Question, Questionnaire} from './questionnaire-types.js'
import {serialiseAnswers} from './serialise-answers.js'

export interface AnswerSessionOptions {
  readonly questionnaire: Questionnaire
  readonly vendorId: string
  readonly vendorDir: string
  /** The answers file, saved after every answer and read back to resume. */
  readonly target: string
  /** Lines typed by the person (a terminal or a pipe); the session ends when they run out. */
  readonly lines: AsyncIterator<string>
  readonly write: (text: string) => void
  /** Evidence file names typed are relative to this directory. */
  readonly cwd: string
}

export interface AnswerSessionResult {
  readonly file: string
  /** False when the input ended before every question asked had an answer or was skipped. */
  readonly complete: boolean
  readonly answered: number
  readonly askedThisSession: number
  readonly requiredOpen: readonly string[]
}

type Parsed = {ok: true; value: AnswerValue | undefined} | {ok: false; message: string}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/

/** Typed text → a value of the question's type, accepting option numbers as well as option values. */
export const parseTyped = (q: Question, line: string): Parsed => {
  const s = line.trim()
  if (s === '') return {ok: true, value: undefined}
  let v: unknown = s
  const options = q.options ?? []
  const pick = (token: string): string => {
    const n = Number(token)
    return Number.isInteger(n) && n >= 1 && n <= options.length && /^\d+$/.test(token) ? options[n - 1]!.value : token
  }
  if (q.type === 'yes-no') v = /^(y|yes|true)$/i.test(s) ? true : /^(n|no|false)$/i.test(s) ? false : s
  else if (q.type === 'single-choice') v = pick(s)
  else if (q.type === 'multi-choice') v = s.split(/[\s,]+/).filter(Boolean).map(pick)
  else if (q.type === 'number') v = NUMBER.test(s) ? Number(s) : s
  else if (q.type === 'date' && !isCalendarDate(s)) return {ok: false, message: 'write a date as YYYY-MM-DD'}
  else if (q.type === 'text') v = line.trim()
  const checked = checkValue(q, v)
  return checked.ok ? {ok: true, value: checked.value} : {ok: false, message: checked.message}
}

/** The question as the terminal shows it; `enter` says what an empty line does (skip, or keep the answer given). */
export const prompt = (q: Question, n: number, total: number, enter = 'Enter to skip'): string => {
  const lines = ['', `[${n}/${total}] ${q.text}${q.required ? ' (required)' : ''}`]
  if (q.help) lines.push(`  ${q.help}`)
  if (q.options) q.options.forEach((o, i) => lines.push(`  ${String(i + 1).padStart(2)}) ${o.label}  [${o.value}]`))
  const how =
    q.type === 'multi-choice' ? 'numbers or values, separated by commas' : q.type === 'single-choice' ? 'a number or a value' : q.type === 'yes-no' ? 'y or n' : expectedForm(q)
  lines.push(`  Answer with ${how}; ${enter}.`)
  return `${lines.join('\n')}\n> `
}

/** Resume from the saved file: it must be a (possibly incomplete) answers file for this questionnaire and vendor. */
export const resume = async (opts: Pick<AnswerSessionOptions, 'target' | 'questionnaire' | 'vendorId'>): Promise<AnswersFile | undefined> => {
  if (!existsSync(opts.target)) return undefined
  const text = await fs.readFile(opts.target, 'utf8')
  const checked = checkAnswersText({text, file: displayPath(opts.target), questionnaire: opts.questionnaire, vendor: opts.vendorId, allowUnanswered: true})
  if (!checked.success) throw new InvalidInputError(checked.problems, [`Fix or move ${displayPath(opts.target)}, then run again.`])
  if (checked.migration) {
    throw new ScanvetError('INVALID_INPUT', `${displayPath(opts.target)} answers version ${checked.migration.from}; import it first to migrate it to ${opts.questionnaire.version}`)
  }
  const evidence: Record<string, {path: string; sha256: string}> = {}
  for (const e of checked.evidence) if (e.sha256 && !e.embedded) evidence[e.questionId] = {path: e.given, sha256: e.sha256}
  return {...checked.answers, ...(Object.keys(evidence).length > 0 ? {evidence} : {})}
}

/**
 * Ask the questions in the terminal, only those whose `when` holds, in questionnaire order, saving the
 * canonical answers file atomically after every answer. Run again, it resumes at the first question asked
 * and still open. Works the same whether the lines come from a person or a pipe.
 */
export const runAnswerSession = async (opts: AnswerSessionOptions): Promise<AnswerSessionResult> => {
  const q = opts.questionnaire
  const order = questionOrder(q)
  const byId = new Map(q.sections.flatMap((s) => s.questions).map((x) => [x.id, x] as const))
  let file: AnswersFile = (await resume(opts)) ?? {questionnaire: q.id, version: q.version, vendor: opts.vendorId, answers: {}}
  const save = async () => {
    const canon = canonicalAnswersFile(q, file)
    file = canon
    await writeFileAtomic(opts.target, serialiseAnswers(canon, order))
  }
  const next = async (): Promise<string | undefined> => {
    const r = await opts.lines.next()
    return r.done ? undefined : String(r.value)
  }
  let asked = 0
  const fresh = !existsSync(opts.target)
  if (fresh) {
    opts.write(`${q.title} (version ${q.version})\nAnswers are saved to ${displayPath(opts.target)} after each one; stop at any time and run again to carry on.\n`)
    const respondent: Record<string, string> = {}
    for (const [key, label] of [['name', 'Your name'], ['role', 'Your role'], ['email', 'Your email']] as const) {
      opts.write(`${label} (Enter to skip): `)
      const line = await next()
      if (line === undefined) break
      if (line.trim() !== '') respondent[key] = line.trim()
    }
    file = {...file, ...(Object.keys(respondent).length > 0 ? {respondent} : {})}
    await save()
  }
  const skipped = new Set<string>()
  let ended = false
  ask: for (;;) {
    const open = askedAndAnswered(q, file.answers).asked.filter((id) => !Object.hasOwn(file.answers, id) && !skipped.has(id))
    const id = open[0]
    if (id === undefined) break
    const question = byId.get(id)!
    const total = askedAndAnswered(q, file.answers).asked.length
    opts.write(prompt(question, order.indexOf(id) + 1, Math.max(total, order.indexOf(id) + 1)))
    const line = await next()
    if (line === undefined) {
      ended = true
      break
    }
    asked++
    const parsed = parseTyped(question, line)
    if (!parsed.ok) {
      opts.write(`  ✗ ${parsed.message}\n`)
      continue
    }
    if (parsed.value === undefined) {
      skipped.add(id)
      if (question.required) opts.write('  Skipped. This question is required; until it is answered it counts as not assessed.\n')
      continue
    }
    let evidence = file.evidence
    if (question.type === 'evidence-file') {
      const source = path.resolve(opts.cwd, parsed.value as string)
      const bytes = await fs.readFile(source).catch(() => undefined)
      if (!bytes) {
        opts.write(`  ✗ no file ${displayPath(source)}\n`)
        continue
      }
      const stored = await storeEvidence(opts.vendorDir, opts.target, id, parsed.value as string, source, bytes)
      evidence = {...evidence, [id]: {path: stored, sha256: sha256Hex(bytes)}}
    }
    file = {...file, answers: {...file.answers, [id]: parsed.value}, ...(evidence ? {evidence} : {})}
    await save()
    // A question that names document kinds: offer to attach one, hashed and kept like an imported one.
    while (question.evidence?.length && question.type !== 'evidence-file') {
      opts.write(`  Document backing this answer (${question.evidence.join(', ')}): file name, or Enter for none\n> `)
      const doc = await next()
      if (doc === undefined) {
        ended = true
        break ask
      }
      if (doc.trim() === '') break
      const source = path.resolve(opts.cwd, doc.trim())
      const bytes = await fs.readFile(source).catch(() => undefined)
      if (!bytes) {
        opts.write(`  ✗ no file ${displayPath(source)}\n`)
        continue
      }
      const stored = await storeEvidence(opts.vendorDir, opts.target, id, doc.trim(), source, bytes)
      file = {...file, evidence: {...file.evidence, [id]: {path: stored, sha256: sha256Hex(bytes)}}}
      await save()
      break
    }
  }
  const {answers, asked: nowAsked} = askedAndAnswered(q, file.answers)
  const requiredOpen = nowAsked.filter((id) => byId.get(id)!.required && !Object.hasOwn(answers, id))
  opts.write(
    ended
      ? `\nStopped; ${Object.keys(answers).length} answers saved to ${displayPath(opts.target)}. Run the same command again to carry on.\n`
      : `\nDone: ${Object.keys(answers).length} answers saved to ${displayPath(opts.target)}.${requiredOpen.length > 0 ? ` Required and still open: ${requiredOpen.join(', ')}.` : ''}\n`,
  )
  return {file: displayPath(opts.target), complete: !ended, answered: Object.keys(answers).length, askedThisSession: asked, requiredOpen}
}
