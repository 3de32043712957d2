import {Args, Flags} from '@oclif/core'

import {workspaceFlag} from './base-command.js'
import type {ConditionEntry, ConditionRecord} from '../conditions/record-types.js'

export interface ConditionDecisionResult {
  readonly entry: ConditionEntry
  readonly condition: ConditionRecord
}

/** The arguments and flags accept and waive share. */
export const decideArgs = {
  vendor: Args.string({description: 'Vendor id.', required: true}),
  id: Args.string({description: 'Condition id (rule@target, from `scanvet condition list`) or its C-number in the latest report.', required: true}),
}

export const decideFlags = {
  workspace: workspaceFlag,
  reason: Flags.string({description: 'Why: recorded in the vendor history and shown in the next report.', required: true}),
  by: Flags.string({description: 'Who decided (name and role).', required: true}),
}
