import {promises as fs} from 'node:fs'
import path from 'node:path'

import {assessmentsDir} from '../workspace/history.js'
import {processAlive as alive} from '../util/process-alive.js'

const TEMP_ROUND = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/

/**
 * Remove the temporary directories of rounds whose writer died (kill -9 mid-write). They were never renamed
 * into place, so no history lists them; this only reclaims the space. Call it holding the workspace lock.
 */
export const sweepDeadTempRounds = async (vendorDir: string): Promise<string[]> => {
  const base = assessmentsDir(vendorDir)
  const names = await fs.readdir(base).catch(() => [] as string[])
  const removed: string[] = []
  for (const n of names) {
    const m = TEMP_ROUND.exec(n)
    if (!m || Number(m[2]) === process.pid || alive(Number(m[2]))) continue
    await fs.rm(path.join(base, n), {recursive: true, force: true})
    removed.push(n)
  }
  return removed
}
