import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {loadChecks} from '../checks/load-checks.js'
import {appliesTo, loadFrameworks} from '../controls/load-frameworks.js'
import {InvalidInputError} from '../errors.js'
import type {Observation} from '../model/observation.js'
import {displayPath} from '../paths.js'
import type {ProbeContext} from '../probes/probe-types.js'
import {PROBES} from '../probes/registry.js'
import {loadQuestionnaireWithMigrations, type LoadedQuestionnaire} from '../questionnaire/load-questionnaire.js'
import {checkAnswersText} from '../questionnaire/check-answers.js'
import type {AnswersFile} from '../questionnaire/questionnaire-types.js'
import {keyFileOf, PASSPHRASE_ENV, readKeyFile} from '../keys/key-store.js'
import {produceReport, type ReportSigning} from '../report/produce-report.js'
import type {SigningKey} from '../signing/cms-signer.js'
import {rfc3161Client} from '../signing/tsa-client.js'
import {TOOL_VERSION} from '../version.js'
import {diffAssessments} from '../history/diff.js'
import {loadAssessment} from '../history/load-round.js'
import {reportChangesOf} from '../history/report-changes.js'
import {latestRound, nextRoundId, sha256Hex, writeRound} from '../workspace/history.js'
import {withWorkspaceLock} from '../workspace/lock.js'
import {loadVendor} from '../workspace/vendors.js'
import type {Workspace} from '../workspace/workspace-types.js'
import type {Assessment} from './assessment-types.js'
import {buildAssessment} from './build-assessment.js'
import {detachEvidenceFiles} from './evidence-files.js'

export interface AssessOptions {
  readonly workspace: Workspace
  readonly vendorId: string
  readonly now?: () => Date
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly signal?: AbortSignal
  /**
   * Runs the writing half (build, render, write the round) under the workspace lock. Default: take the lock
   * for this one vendor. A batch that already holds the lock for all its vendors passes `(fn) => fn()`.
   */
  readonly withLock?: <T>(fn: () => Promise<T>) => Promise<T>
  /** Sign with this key instead of the workspace's keys/signing.p12 (tests, the demo). */
  readonly signingKey?: SigningKey
}

export interface AssessResult {
  readonly assessment: Assessment
  readonly dir: string
  readonly files: {readonly json: string; readonly pdf: string; readonly oscal: string; readonly csv: string}
}

/** The workspace key signs every report when it exists; its passphrase comes from SCANVET_KEY_PASSPHRASE. */
const signingFor = async (opts: AssessOptions, env: Readonly<Record<string, string | undefined>>): Promise<ReportSigning | undefined> => {
  const ws = opts.workspace
  const file = keyFileOf(ws)
  const key = opts.signingKey ?? (existsSync(file) ? await readKeyFile(file, env[PASSPHRASE_ENV]) : undefined)
  if (!key) return undefined
  const tsaUrl = ws.config.report?.tsaUrl
  if (!tsaUrl) return {key}
  return {key, tsaUrl, tsa: rfc3161Client({url: tsaUrl, timeoutMs: ws.network.requestTimeoutMs, maxResponseBytes: 1024 * 1024})}
}

/** Run every probe; a probe that throws despite its contract still becomes an error observation. */
const runProbes = async (vendor: Parameters<NonNullable<(typeof PROBES)['tls']>['run']>[0], ctx: ProbeContext): Promise<Observation[]> => {
  const results = await Promise.all(
    Object.values(PROBES).map(async (p) => {
      try {
        return await p.run(vendor, ctx)
      } catch (error) {
        return [{probe: p.family, target: vendor.id, startedAt: ctx.now().toISOString(), durationMs: 0, status: 'error' as const, reason: `probe failed unexpectedly: ${(error as Error).message}`}]
      }
    }),
  )
  return results.flat()
}

/**
 * The vendor's answers, judged against the questionnaire exactly as import judges them (a hand-edited file with
 * an unknown id or a wrong type is refused at file:line:col, never silently ignored). Open questions are
 * allowed: they become not-assessed findings.
 */
const loadAnswers = async (
  vendorDir: string,
  vendorId: string,
  file: string | undefined,
  loaded: LoadedQuestionnaire,
): Promise<{answers: AnswersFile; file: string; sha256: string} | undefined> => {
  const p = path.resolve(vendorDir, file ?? 'answers.yaml')
  if (!existsSync(p)) return undefined
  const bytes = await fs.readFile(p)
  const checked = checkAnswersText({
    text: bytes.toString('utf8'),
    file: displayPath(p),
    questionnaire: loaded.questionnaire,
    ...(loaded.migrations ? {migrations: loaded.migrations} : {}),
    vendor: vendorId,
    allowUnanswered: true,
  })
  if (!checked.success) throw new InvalidInputError(checked.problems)
  return {answers: checked.answers, file: displayPath(p), sha256: sha256Hex(bytes)}
}

/** The whole pipeline for one vendor: probes + answers → findings → controls → assessment.json → report.pdf. */
export const runAssessment = async (opts: AssessOptions): Promise<AssessResult> => {
  const now = opts.now ?? (() => new Date())
  const ws = opts.workspace
  const vendor = await loadVendor(ws, opts.vendorId)
  const [checks, allFrameworks, loaded] = await Promise.all([
    loadChecks(),
    loadFrameworks(ws.config.frameworks),
    loadQuestionnaireWithMigrations(vendor.profile.questionnaire?.id),
  ])
  const frameworks = allFrameworks.filter((f) => appliesTo(f, vendor.profile.jurisdictions))
  const answers = await loadAnswers(vendor.dir, vendor.profile.id, vendor.profile.questionnaire?.answers, loaded)
  const questionnaire = loaded.questionnaire
  const env = opts.env ?? process.env
  // Open the key before probing: a wrong passphrase should stop the run before it touches the vendor.
  const signing = await signingFor(opts, env)
  const ctx: ProbeContext = {network: ws.network, now, env, vendorDir: vendor.dir, ...(opts.signal ? {signal: opts.signal} : {})}
  const {observations, files: evidence} = detachEvidenceFiles(await runProbes(vendor.profile, ctx))

  const withLock = opts.withLock ?? (<T>(fn: () => Promise<T>) => withWorkspaceLock(ws.root, fn))
  return withLock(async () => {
    const assessedAt = now()
    const previous = await latestRound(vendor.dir)
    const id = await nextRoundId(vendor.dir, assessedAt)
    const assessment = buildAssessment({
      id,
      assessedAt,
      toolVersion: TOOL_VERSION,
      workspace: ws.config,
      reassessmentIntervalDays: ws.reassessmentIntervalDays,
      vendor: vendor.profile,
      frameworks,
      checks,
      observations,
      questionnaire,
      ...(answers ? {answers: answers.answers, answersFile: answers.file, answersSha256: answers.sha256} : {}),
      ...(previous ? {previous} : {}),
    })
    // The next report shows what changed since this vendor's previous round: the same diff as `scanvet diff`.
    const changes = previous ? reportChangesOf(diffAssessments(await loadAssessment(vendor.dir, vendor.profile.id, previous.id), assessment)) : undefined
    const out = await produceReport(assessment, signing, changes)
    const dir = await writeRound(vendor.dir, id, {...out.files, ...evidence})
    return {
      assessment: out.assessment,
      dir,
      files: {json: path.join(dir, 'assessment.json'), pdf: path.join(dir, 'report.pdf'), oscal: path.join(dir, 'assessment-results.oscal.json'), csv: path.join(dir, 'findings.csv')},
    }
  })
}
