import path from 'node:path'

import {TOOL_VERSION} from '../version.js'
import {writeFileAtomic} from '../workspace/atomic-write.js'
import {loadWorkspace, type LocateOptions} from '../workspace/workspace.js'
import {gatherStatus, type StatusOptions} from './gather-status.js'
import {statusToIcs} from './ics.js'
import type {WorkspaceStatus} from './status-types.js'

/** `scanvet status`: gather, and write the calendar when asked (atomically: a calendar app never reads half a file). */
export const workspaceStatus = async (where: LocateOptions, opts: StatusOptions & {readonly ics?: string}): Promise<WorkspaceStatus & {readonly ics?: string}> => {
  const ws = await loadWorkspace(where)
  const status = await gatherStatus(ws, opts)
  if (!opts.ics) return status
  const file = path.resolve(where.cwd, opts.ics)
  await writeFileAtomic(file, statusToIcs(status, {toolVersion: TOOL_VERSION}))
  return {...status, ics: file}
}
