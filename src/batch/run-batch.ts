import {batchCatalogues} from '../assessment/catalogues.js'
import {existsSync} from 'node:fs'

import {failsAt} from '../assessment/fail-on.js'
import {keyFileOf, PASSPHRASE_ENV, readKeyFile} from '../keys/key-store.js'
import {runAssessment} from '../assessment/run-assessment.js'
import {ScanvetError} from '../errors.js'
import {readRound} from '../history/load-round.js'
import type {Severity} from '../schemas/common.js'
import {vendorStatus} from '../status/gather-status.js'
import {DAY_MS} from '../status/dates.js'
import {mapLimit} from '../util/pool.js'
import {withWorkspaceLock} from '../workspace/lock.js'
import {listVendorIds, loadVendor} from '../workspace/vendors.js'
import type {Workspace} from '../workspace/workspace-types.js'
import type {BatchEvent, BatchResult, VendorOutcome} from './batch-types.js'
import {RESUME_WINDOW_DAYS, latestRoundId, newRunId, readJournal, removeJournal, writeJournal, type RunJournal} from './journal.js'
import {sweepDeadTempRounds} from './sweep.js'

export interface BatchOptions {
  readonly workspace: Workspace
  /** Vendor ids, or every vendor of the workspace. */
  readonly vendors: 'all' | readonly string[]
  /** Only vendors never assessed or whose reassessment is due. */
  readonly due?: boolean
  /** Vendors assessed at once (default 4). */
  readonly concurrency?: number
  readonly failOn?: Severity
  /** Ignore an interrupted run's journal and assess every selected vendor again. */
  readonly restart?: boolean
  readonly now?: () => Date
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Abort (Ctrl-C): no new vendor starts, a vendor whose probes finish after it writes nothing. */
  readonly signal?: AbortSignal
  readonly onEvent?: (e: BatchEvent) => void
  /** The signing key's passphrase (prompt or --passphrase-file); else SCANVET_KEY_PASSPHRASE in `env`. */
  readonly passphrase?: string
}

class Interrupted extends Error {}

const selectVendors = async (ws: Workspace, vendors: BatchOptions['vendors']): Promise<string[]> => {
  if (vendors === 'all') return listVendorIds(ws)
  if (vendors.length === 0) throw new ScanvetError('INVALID_INPUT', 'name the vendors to assess, or use --all', ['scanvet run --all', 'scanvet run acme-imaging other-vendor'])
  const ids = [...new Set(vendors)]
  for (const id of ids) await loadVendor(ws, id) // an unknown vendor stops the batch before anything runs
  return ids
}

const usableJournal = (j: RunJournal | undefined, now: Date): RunJournal | undefined =>
  j && now.getTime() - Date.parse(j.startedAt) <= RESUME_WINDOW_DAYS * DAY_MS ? j : undefined

/**
 * `scanvet run`: assess many vendors, `concurrency` at a time, holding the workspace lock once for the whole
 * batch (each vendor's probes run in parallel with the others; each round is written by `runAssessment`'s
 * atomic directory rename). Resumable: see journal.ts.
 */
export const runBatch = async (opts: BatchOptions): Promise<BatchResult> => {
  const ws = opts.workspace
  const now = opts.now ?? (() => new Date())
  const emit = opts.onEvent ?? (() => {})
  // The key is opened once, before any vendor is touched: no passphrase (or a wrong one) is one error, exit 2,
  // not the same failure vendor by vendor.
  const keyFile = keyFileOf(ws)
  const signingKey = existsSync(keyFile) ? await readKeyFile(keyFile, opts.passphrase ?? (opts.env ?? process.env)[PASSPHRASE_ENV]) : undefined
  return withWorkspaceLock(ws.root, async () => {
    const started = now()
    const ids = await selectVendors(ws, opts.vendors)
    const previous = opts.restart ? undefined : usableJournal(await readJournal(ws.root), started)
    const baselineOf = new Map(previous?.vendors.map((v) => [v.id, v.baseline]) ?? [])
    const settled: VendorOutcome[] = []
    const toRun: string[] = []
    const latest = new Map<string, string | null>()
    for (const id of ids) {
      let vendor
      try {
        vendor = await loadVendor(ws, id)
      } catch (error) {
        // With --all, one broken profile must not stop the quarterly run of the others; it is reported, exit 1.
        if (!(error instanceof ScanvetError)) throw error
        settled.push({status: 'error', vendor: id, code: error.code, message: error.message})
        continue
      }
      await sweepDeadTempRounds(vendor.dir)
      const last = await latestRoundId(vendor.dir)
      latest.set(id, last)
      if (baselineOf.has(id) && last !== null && last !== baselineOf.get(id)) {
        settled.push(await doneEarlier(vendor.dir, id, last, opts.failOn))
        continue
      }
      if (opts.due) {
        const s = await vendorStatus(ws, id, {now: () => started, expiryProviders: [], pendingProviders: []})
        if (s.due === 'not-due' || s.due === 'due-soon') {
          settled.push({status: 'not-due', vendor: id, nextDue: s.nextDue})
          continue
        }
      }
      toRun.push(id)
    }
    const runId = previous?.runId ?? newRunId(started)
    if (toRun.length > 0) {
      const kept = (previous?.vendors ?? []).filter((v) => !toRun.includes(v.id))
      await writeJournal(ws.root, {
        version: 1,
        runId,
        startedAt: previous?.startedAt ?? started.toISOString(),
        vendors: [...kept, ...toRun.map((id) => ({id, baseline: previous && baselineOf.has(id) ? baselineOf.get(id)! : latest.get(id)!}))],
      })
    }
    emit({type: 'plan', runId, total: ids.length, toRun: toRun.length, ...(previous ? {resumedFrom: previous.startedAt} : {})})
    for (const o of settled) emit({type: 'vendor-end', outcome: o})

    const catalogues = batchCatalogues()
    const ran = await mapLimit(toRun, opts.concurrency ?? 4, async (id): Promise<VendorOutcome> => {
      if (opts.signal?.aborted) {
        const o: VendorOutcome = {status: 'interrupted', vendor: id}
        emit({type: 'vendor-end', outcome: o})
        return o
      }
      emit({type: 'vendor-start', vendor: id})
      const t0 = performance.now()
      let outcome: VendorOutcome
      try {
        const r = await runAssessment({
          workspace: ws,
          vendorId: id,
          now,
          ...(opts.env ? {env: opts.env} : {}),
          ...(opts.signal ? {signal: opts.signal} : {}),
          ...(signingKey ? {signingKey} : {}),
          catalogues,
          // The batch already holds the workspace lock; a vendor interrupted during its probes writes nothing.
          withLock: async (fn) => {
            if (opts.signal?.aborted) throw new Interrupted()
            return fn()
          },
        })
        outcome = {
          status: 'assessed',
          vendor: id,
          roundId: r.assessment.id,
          decision: r.assessment.verdict.decision,
          counts: r.assessment.verdict.counts,
          failsGate: opts.failOn ? failsAt(r.assessment.findings, opts.failOn, r.assessment.verdict.decision) : false,
          durationMs: Math.round(performance.now() - t0),
          report: r.files.pdf,
        }
      } catch (error) {
        outcome =
          error instanceof Interrupted
            ? {status: 'interrupted', vendor: id}
            : {status: 'error', vendor: id, code: error instanceof ScanvetError ? error.code : 'UNEXPECTED', message: (error as Error).message}
      }
      emit({type: 'vendor-end', outcome})
      return outcome
    })
    const interrupted = ran.some((o) => o.status === 'interrupted')
    // Finished (errors included: they are retried by the next run anyway): the journal has done its job.
    if (!interrupted) await removeJournal(ws.root)
    const order = new Map(ids.map((id, i) => [id, i]))
    const outcomes = [...settled, ...ran].sort((a, b) => order.get(a.vendor)! - order.get(b.vendor)!)
    return {runId, ...(previous ? {resumedFrom: previous.startedAt} : {}), interrupted, outcomes}
  })
}

const doneEarlier = async (vendorDir: string, id: string, roundId: string, failOn: Severity | undefined): Promise<VendorOutcome> => {
  const r = await readRound(vendorDir, roundId)
  if (r.status !== 'readable') return {status: 'done-earlier', vendor: id, roundId, failsGate: false}
  return {status: 'done-earlier', vendor: id, roundId, decision: r.assessment.verdict.decision, failsGate: failOn ? failsAt(r.assessment.findings, failOn, r.assessment.verdict.decision) : false}
}
