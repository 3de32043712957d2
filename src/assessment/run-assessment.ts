import {proxyPolicy} from '../net/proxy.js'
import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {freshCatalogues, type Catalogues} from './catalogues.js'
import {appliesTo, checksOutOfScope} from '../controls/load-frameworks.js'
import {InvalidInputError} from '../errors.js'
import type {Observation} from '../model/observation.js'
import type {ProgressListener} from '../model/progress-event.js'
import {displayPath} from '../paths.js'
import type {ProbeContext} from '../probes/probe-types.js'
import {PROBES} from '../probes/registry.js'
import type {LoadedQuestionnaire} from '../questionnaire/load-questionnaire.js'
import {checkAnswersText} from '../questionnaire/check-answers.js'
import {applyPracticePolicy, locatePolicyProblems, policyProblems} from '../questionnaire/practice-policy.js'
import type {AnswersFile} from '../questionnaire/questionnaire-types.js'
import {keyFileOf, PASSPHRASE_ENV, readKeyFile} from '../keys/key-store.js'
import {produceReport, type ReportSigning} from '../report/produce-report.js'
import type {SigningKey} from '../signing/cms-signer.js'
import {rfc3161Client} from '../signing/tsa-client.js'
import {TOOL_VERSION} from '../version.js'
import {diffAssessments} from '../history/diff.js'
import {readRounds} from '../history/load-round.js'
import {quarterViewOf} from '../history/quarter-view.js'
import {logHead, readConditionLog} from '../conditions/condition-log.js'
import {buildLedger} from '../conditions/ledger.js'
import {paperOf} from '../report/paper.js'
import {reportChangesOf} from '../history/report-changes.js'
import {latestRound, nextRoundId, sha256Hex, writeRound} from '../workspace/history.js'
import {withWorkspaceLock} from '../workspace/lock.js'
import {readBytes, textOf} from '../workspace/read-input.js'
import {ANSWERS_FILE, loadVendor} from '../workspace/vendors.js'
import type {Workspace} from '../workspace/workspace-types.js'
import type {Assessment} from './assessment-types.js'
import {buildAssessment} from './build-assessment.js'
import {detachEvidenceFiles} from './evidence-files.js'
import {contractFindings} from '../contract/evidence-findings.js'
import {sourceLimits} from '../probes/soc2/evidence-source.js'

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
  /** The signing key's passphrase (from the prompt or --passphrase-file); else SCANVET_KEY_PASSPHRASE in `env`. */
  readonly passphrase?: string
  /** Phases (each probe family, report, signing) for a live display. */
  readonly progress?: ProgressListener
  /** Sign with this key instead of the workspace's keys/signing.p12 (tests, the demo). */
  readonly signingKey?: SigningKey
  /** Where checks, catalogues and questionnaires come from; a batch reads them once for all its vendors. */
  readonly catalogues?: Catalogues
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
  const key = opts.signingKey ?? (existsSync(file) ? await readKeyFile(file, opts.passphrase ?? env[PASSPHRASE_ENV]) : undefined)
  if (!key) return undefined
  const tsaUrl = ws.config.report?.tsaUrl
  if (!tsaUrl) return {key}
  return {key, tsaUrl, tsa: rfc3161Client({url: tsaUrl, timeoutMs: ws.network.requestTimeoutMs, maxResponseBytes: 1024 * 1024, proxy: proxyPolicy({network: ws.network, env})})}
}

/** Run every probe; a probe that throws despite its contract still becomes an error observation. */
const runProbes = async (vendor: Parameters<NonNullable<(typeof PROBES)['tls']>['run']>[0], ctx: ProbeContext): Promise<Observation[]> => {
  const results = await Promise.all(
    Object.values(PROBES).map(async (p) => {
      ctx.progress?.({type: 'phase-start', phase: p.family})
      try {
        const obs = await p.run(vendor, ctx)
        const errors = obs.filter((o) => o.status === 'error')
        ctx.progress?.(errors.length > 0 ? {type: 'phase-end', phase: p.family, outcome: 'error', note: errors[0]!.reason} : {type: 'phase-end', phase: p.family, outcome: 'done'})
        return obs
      } catch (error) {
        ctx.progress?.({type: 'phase-end', phase: p.family, outcome: 'error', note: (error as Error).message})
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
  const p = path.resolve(vendorDir, file ?? ANSWERS_FILE)
  if (!existsSync(p)) return undefined
  const bytes = await readBytes(p, 'answers')
  const checked = checkAnswersText({
    text: textOf(bytes, p),
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
  const cat = opts.catalogues ?? freshCatalogues
  const [checks, allFrameworks, loaded] = await Promise.all([cat.checks(), cat.frameworks(ws.config.frameworks), cat.questionnaire(vendor.profile.questionnaire?.id)])
  const frameworks = allFrameworks.filter((f) => appliesTo(f, vendor.profile.jurisdictions))
  const outOfScopeChecks = checksOutOfScope(allFrameworks, frameworks)
  const answers = await loadAnswers(vendor.dir, vendor.profile.id, vendor.profile.questionnaire?.answers, loaded)
  // The practice's own thresholds (scanvet.yaml `policy`) replace the bundled ones; a bad entry stops the run
  // before any probe, located in scanvet.yaml.
  const policy = ws.config.policy ?? {}
  const policyIssues = policyProblems(loaded.questionnaire, policy, displayPath(ws.configFile))
  if (policyIssues.length > 0) throw new InvalidInputError(locatePolicyProblems(await fs.readFile(ws.configFile), displayPath(ws.configFile), policyIssues))
  const questionnaire = applyPracticePolicy(loaded.questionnaire, policy)
  const env = opts.env ?? process.env
  // Open the key before probing: a wrong passphrase should stop the run before it touches the vendor.
  const signing = await signingFor(opts, env)
  const ctx: ProbeContext = {network: ws.network, now, env, vendorDir: vendor.dir, ...(opts.signal ? {signal: opts.signal} : {}), ...(opts.progress ? {progress: opts.progress} : {})}
  const probe = async () => {
    const [observed, contracts] = await Promise.all([runProbes(vendor.profile, ctx), contractFindings(vendor.profile, vendor.dir, sourceLimits(ctx, []), ctx)])
    const detached = detachEvidenceFiles(observed)
    return {...detached, contracts: contracts.findings, files: {...detached.files, ...Object.fromEntries(contracts.files.map((f) => [f.file, f.bytes]))}}
  }
  // The probes write state too (the retention probe's canaries.json), so a lone `assess` holds the workspace
  // lock from before the first probe to the written round: a second run for the vendor is refused, not raced.
  // A batch already holds the lock for all its vendors and only gates the writing half (see run-batch.ts).
  if (opts.withLock) {
    const probed = await probe()
    return opts.withLock(() => writeHalf(probed))
  }
  return withWorkspaceLock(ws.root, async () => writeHalf(await probe()))

  async function writeHalf({observations, contracts, files: evidence}: Awaited<ReturnType<typeof probe>>): Promise<AssessResult> {
    const assessedAt = now()
    const previous = await latestRound(vendor.dir)
    const id = await nextRoundId(vendor.dir, assessedAt)
    const [stored, log] = await Promise.all([readRounds(vendor.dir), readConditionLog(vendor.dir)])
    const head = logHead(log)
    const built = buildAssessment({
      id,
      assessedAt,
      toolVersion: TOOL_VERSION,
      workspace: ws.config,
      reassessmentIntervalDays: ws.reassessmentIntervalDays,
      vendor: vendor.profile,
      frameworks,
      checks,
      observations,
      documentFindings: contracts,
      questionnaire,
      outOfScopeChecks,
      ...(answers ? {answers: answers.answers, answersFile: answers.file, answersSha256: answers.sha256} : {}),
      ...(previous ? {previous} : {}),
    })
    // The round seals the condition log as it stands: a decision edited later no longer matches a signed report.
    const assessment: Assessment = head ? {...built, conditionLog: head} : built
    const prior = stored.flatMap((r) => (r.status === 'readable' ? [r.assessment] : []))
    const conditions = buildLedger([...prior, assessment], log.map((l) => l.entry), assessment.assessedAt)
    // The next report shows what changed since this vendor's previous round: the same diff as `scanvet diff`.
    const before = previous ? prior.find((a) => a.id === previous.id) : undefined
    const diff = before ? diffAssessments(before, assessment, conditions) : undefined
    const changes = diff ? reportChangesOf(diff) : undefined
    const logoFile = ws.config.report?.logo ? path.resolve(ws.root, ws.config.report.logo) : undefined
    const logo = logoFile && existsSync(logoFile) ? await fs.readFile(logoFile) : undefined
    const phase = signing ? 'report and signature' : 'report'
    opts.progress?.({type: 'phase-start', phase})
    const out = await produceReport(assessment, signing, changes, {quarter: quarterViewOf([...prior, assessment], conditions, diff), paper: paperOf(ws.config), evidence, ...(logo ? {logo} : {})})
    opts.progress?.({type: 'phase-end', phase, outcome: 'done'})
    const dir = await writeRound(vendor.dir, id, {...out.files, ...evidence})
    return {
      assessment: out.assessment,
      dir,
      files: {json: path.join(dir, 'assessment.json'), pdf: path.join(dir, 'report.pdf'), oscal: path.join(dir, 'assessment-results.oscal.json'), csv: path.join(dir, 'findings.csv')},
    }
  }
}
