import type {ComparisonOp, SubjectKey} from '../schemas/condition.js'

export type Scalar = string | number | boolean | null

export type Comparison = {readonly [K in SubjectKey]?: string} & {readonly [K in ComparisonOp]?: unknown}

export type Condition =
  | {readonly all: readonly Condition[]}
  | {readonly any: readonly Condition[]}
  | {readonly not: Condition}
  | Comparison

/** Three-valued: `undefined` means the subject was never observed or answered, so nothing can be said. */
export type Truth = boolean | undefined
