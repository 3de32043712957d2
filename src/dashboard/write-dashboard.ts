import path from 'node:path'

import {writeFileAtomic} from '../workspace/atomic-write.js'
import {loadWorkspace, type LocateOptions} from '../workspace/workspace.js'
import {gatherDashboard, type DashboardModel} from './dashboard-model.js'
import {renderDashboard} from './render-dashboard.js'

/** `scanvet dashboard`: gather, render, write atomically (a file share never serves half a page). */
export const writeDashboard = async (where: LocateOptions, opts: {readonly out?: string; readonly now?: Date}): Promise<{readonly file: string; readonly model: DashboardModel}> => {
  const ws = await loadWorkspace(where)
  const file = path.resolve(where.cwd, opts.out ?? path.join(ws.root, 'dashboard.html'))
  const model = await gatherDashboard(ws, {now: opts.now ?? new Date(), outFile: file})
  await writeFileAtomic(file, renderDashboard(model))
  return {file, model}
}
