import {promises as fs} from 'node:fs'
import path from 'node:path'

import {ScanvetError} from '../errors.js'
import {processAlive as alive} from '../util/process-alive.js'

const LOCK_NAME = '.scanvet.lock'

/**
 * Hold the workspace lock while `fn` runs. A lock left by a process that no longer exists (kill -9) is
 * taken over; a live holder makes this fail at once rather than wait.
 */
export const withWorkspaceLock = async <T>(root: string, fn: () => Promise<T>): Promise<T> => {
  const file = path.join(root, LOCK_NAME)
  for (let attempt = 0; ; attempt++) {
    try {
      const h = await fs.open(file, 'wx')
      await h.writeFile(String(process.pid))
      await h.close()
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockedError(file)
      const holder = Number.parseInt(await fs.readFile(file, 'utf8').catch(() => ''), 10)
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) throw lockedError(file, holder)
      await fs.rm(file, {force: true})
    }
  }
  try {
    return await fn()
  } finally {
    await fs.rm(file, {force: true})
  }
}

const lockedError = (file: string, pid?: number) =>
  new ScanvetError('WORKSPACE_LOCKED', `the workspace is in use${pid ? ` by process ${pid}` : ''} (${file})`, [
    'Wait for the other scanvet run to finish, or remove the lock file if no scanvet is running.',
  ])
