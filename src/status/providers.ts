import type {ExpiringItem, ExpiryProvider, PendingProvider, StatusContext} from './status-types.js'
import {daysBetween} from './dates.js'
import {loadCanaries, pendingCanaries} from '../probes/retention/canary-store.js'

/** An item when its end falls within the horizon (or has passed); undefined otherwise. */
export const expiringItem = (ctx: StatusContext, item: Omit<ExpiringItem, 'daysLeft' | 'state' | 'expires'> & {expires: string}): ExpiringItem | undefined => {
  const expires = item.expires.slice(0, 10)
  const daysLeft = daysBetween(ctx.now, expires)
  if (daysLeft > ctx.horizonDays) return undefined
  return {...item, expires, daysLeft, state: daysLeft < 0 ? 'expired' : 'expiring'}
}

const fromAssessment = (ctx: StatusContext) => `assessment ${ctx.lastId ?? ctx.last?.id ?? ''}`.trim()

/** TLS certificates seen in the latest assessment, by their notAfter. */
export const certificateExpiry: ExpiryProvider = (ctx) =>
  (ctx.last?.observations ?? []).flatMap((o) => {
    if (o.probe !== 'tls' || o.status !== 'ok') return []
    const validTo = (o.facts.certificate as {validTo?: string} | undefined)?.validTo
    const item = validTo ? expiringItem(ctx, {kind: 'certificate', label: `TLS certificate of ${o.target}`, expires: validTo, source: fromAssessment(ctx)}) : undefined
    return item ? [item] : []
  })

/** BAA, DPA, SOC 2 and other documents the current vendor profile lists with an `expires` date. */
export const documentExpiry: ExpiryProvider = (ctx) =>
  (ctx.vendor.profile.evidence ?? []).flatMap((d) => {
    if (!d.expires) return []
    const item = expiringItem(ctx, {kind: 'document', label: `${d.title ?? d.kind.toUpperCase()} (${d.kind})`, expires: d.expires, source: 'vendor.yaml'})
    return item ? [item] : []
  })

/**
 * SOC 2 coverage computed by the SOC 2 probe and recorded in its observation as `facts.coverage.coveredUntil`
 * (YYYY-MM-DD: the last day the report, or its bridge letter, covers). Absent when no report was read.
 */
export const soc2CoverageExpiry: ExpiryProvider = (ctx) =>
  (ctx.last?.observations ?? []).flatMap((o) => {
    if (o.probe !== 'soc2' || o.status !== 'ok') return []
    const until = (o.facts.coverage as {coveredUntil?: unknown} | undefined)?.coveredUntil
    const item = typeof until === 'string' ? expiringItem(ctx, {kind: 'soc2-coverage', label: `SOC 2 coverage (${o.target})`, expires: until, source: fromAssessment(ctx)}) : undefined
    return item ? [item] : []
  })

/** Every source of "evidence about to expire". One line per source. */
export const EXPIRY_PROVIDERS: readonly ExpiryProvider[] = [certificateExpiry, documentExpiry, soc2CoverageExpiry]

/** Retention canaries planted at the vendor and not yet verified (vendors/<id>/canaries.json). */
export const pendingCanaryItems: PendingProvider = async (ctx) => {
  const loaded = await loadCanaries(ctx.vendor.dir)
  if (!loaded.ok) return []
  return pendingCanaries(loaded.file).map((c) => ({
    kind: 'retention-canary',
    label: `retention canary ${c.canary.token} (${c.canary.modality}) at ${c.target}`,
    due: c.dueAt.slice(0, 10),
    state: Date.parse(c.dueAt) <= ctx.now.getTime() ? ('due' as const) : ('waiting' as const),
  }))
}

/** Every source of pending work (retention canaries waiting for their window). One line per source. */
export const PENDING_PROVIDERS: readonly PendingProvider[] = [pendingCanaryItems]
