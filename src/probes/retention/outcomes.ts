/** One request the probe made, for the evidence table (never headers or bodies: those may carry secrets). */
export interface StepLog {
  readonly step: string
  readonly method: string
  readonly url: string
  readonly status?: number
  readonly ms: number
  readonly note?: string
}

export interface PlantOutcome {
  readonly upload: {readonly accepted: boolean; readonly status?: number; readonly stored?: number; readonly failed?: number}
  readonly deletion: {readonly requested: boolean; readonly accepted?: boolean; readonly status?: number}
  readonly vars: Readonly<Record<string, string>>
  readonly steps: readonly StepLog[]
  /** A step broke (network, garbage, unexpected answer): the observation becomes `error` with this reason. */
  readonly error?: string
}

export interface VerifyOutcome {
  readonly served: boolean
  /** Plain words: what each request found, e.g. "QIDO-RS 200, 1 match; WADO-RS 200, canary token in the body". */
  readonly summary: string
  readonly responses: readonly {readonly step: string; readonly status: number; readonly served: boolean; readonly detail: string}[]
  readonly steps: readonly StepLog[]
  readonly error?: string
}

/** The two ways of talking to a vendor; both never throw. */
export interface RetentionTransport {
  readonly target: string
  plant(instances: readonly Uint8Array[], vars: Readonly<Record<string, string>>, wait: () => Promise<void>): Promise<PlantOutcome>
  verify(vars: Readonly<Record<string, string>>): Promise<VerifyOutcome>
}
