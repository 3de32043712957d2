import type {AnswerValue} from './questionnaire-types.js'

export interface MigrationStep {
  readonly from: string
  readonly to: string
  readonly renamed?: Readonly<Record<string, string>>
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>>
  readonly removed?: Readonly<Record<string, string>>
}

export interface MigrationMap {
  readonly questionnaire: string
  readonly steps: readonly MigrationStep[]
}

/** -1, 0 or 1: questionnaire versions are YEAR.N and compare numerically. */
export const compareVersions = (a: string, b: string): number => {
  const [ay, an] = a.split('.').map(Number) as [number, number]
  const [by, bn] = b.split('.').map(Number) as [number, number]
  return Math.sign(ay - by || an - bn)
}

/** Where one given answer ends up: under a (possibly new) id, or dropped with the reason. */
export type MovedAnswer =
  | {readonly status: 'kept'; readonly from: string; readonly id: string; readonly value: AnswerValue}
  | {readonly status: 'dropped'; readonly from: string; readonly reason: string}

export interface MigrationPlan {
  /** The versions passed through, oldest first; [from] alone when no step applies. */
  readonly path: readonly string[]
  /** True when no chain of steps reaches the target and ids are carried over as they are. */
  readonly unmapped: boolean
  readonly moved: readonly MovedAnswer[]
  /** Where an old question id (of a comment or an evidence file) ends up. */
  readonly mapId: (id: string) => {readonly id: string; readonly reason?: never} | {readonly reason: string; readonly id?: never}
}

const mapValue = (v: AnswerValue, table: Readonly<Record<string, string>> | undefined): AnswerValue => {
  if (!table) return v
  if (typeof v === 'string') return table[v] ?? v
  if (Array.isArray(v)) return (v as readonly string[]).map((x) => table[x] ?? x)
  return v
}

/**
 * Carry answers given to version `from` forward to `to` through the map's steps. Ids are stable across
 * versions, so an id no step renames or removes is kept as it is; whether the newer questionnaire still asks
 * it is for the caller to check.
 */
export const planMigration = (answers: Readonly<Record<string, AnswerValue>>, from: string, to: string, map: MigrationMap | undefined): MigrationPlan => {
  const steps: MigrationStep[] = []
  const path = [from]
  let at = from
  const seen = new Set<string>()
  while (at !== to && !seen.has(at)) {
    seen.add(at)
    const step = map?.steps.find((s) => s.from === at)
    if (!step) break
    steps.push(step)
    at = step.to
    path.push(at)
  }
  const unmapped = at !== to
  const mapId: MigrationPlan['mapId'] = (origin) => {
    let id = origin
    for (const step of unmapped ? [] : steps) {
      const why = step.removed?.[id]
      if (why !== undefined) return {reason: `removed in ${step.to}: ${why}`}
      id = step.renamed?.[id] ?? id
    }
    return {id}
  }
  const moved: MovedAnswer[] = Object.entries(answers).map(([origin, value]): MovedAnswer => {
    let id = origin
    let v = value
    for (const step of unmapped ? [] : steps) {
      const why = step.removed?.[id]
      if (why !== undefined) return {status: 'dropped', from: origin, reason: `removed in ${step.to}: ${why}`}
      id = step.renamed?.[id] ?? id
      v = mapValue(v, step.values?.[id])
    }
    return {status: 'kept', from: origin, id, value: v}
  })
  return {path, unmapped, moved, mapId}
}
