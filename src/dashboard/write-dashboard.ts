import path from 'node:path'

import {writeFileAtomic} from '../workspace/atomic-write.js'
import {loadWorkspace, type LocateOptions} from '../workspace/workspace.js'
import {gatherDashboard, type DashboardModel} from './dashboard-model.js'
import {renderDashboard} from './render-dashboard.js'

/** What `writeDashboard` made: the file written, or (for `-`) the page itself, for standard output. */
export type DashboardOutput =
  | {readonly file: string; readonly html?: never; readonly model: DashboardModel}
  | {readonly file: '-'; readonly html: string; readonly model: DashboardModel}

/**
 * `scanvet dashboard`: gather, render, write atomically (a file share never serves half a page). `out: '-'`
 * returns the page instead of writing it; its links to reports are then relative to the current directory.
 */
export const writeDashboard = async (where: LocateOptions, opts: {readonly out?: string; readonly now?: Date}): Promise<DashboardOutput> => {
  const ws = await loadWorkspace(where)
  const toStdout = opts.out === '-'
  const file = path.resolve(where.cwd, toStdout ? 'dashboard.html' : (opts.out ?? path.join(ws.root, 'dashboard.html')))
  const model = await gatherDashboard(ws, {now: opts.now ?? new Date(), outFile: file})
  const html = renderDashboard(model)
  if (toStdout) return {file: '-', html, model}
  await writeFileAtomic(file, html)
  return {file, model}
}
