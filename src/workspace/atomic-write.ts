import {randomBytes} from 'node:crypto'
import {promises as fs} from 'node:fs'
import path from 'node:path'

/**
 * Write a file so that a reader (or a killed run) only ever sees the old content or the new, never half:
 * write a temporary file beside it, flush it, rename it over the target, flush the directory.
 */
export const writeFileAtomic = async (target: string, data: string | Uint8Array, mode = 0o644, opts: {readonly syncDir?: boolean; readonly dirExists?: boolean} = {}): Promise<void> => {
  const dir = path.dirname(target)
  // A caller writing thousands of files makes their folders once (dirExists) rather than once per file.
  if (opts.dirExists !== true) await fs.mkdir(dir, {recursive: true})
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const handle = await fs.open(tmp, 'wx', mode)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await fs.rename(tmp, target)
  } catch (error) {
    await fs.rm(tmp, {force: true})
    throw error
  }
  // A caller writing many files into one folder flushes the folder once at the end (syncDirs) instead.
  if (opts.syncDir !== false) await syncDir(dir)
}

/** Flush each directory once, after a batch of writeFileAtomic(…, {syncDir: false}). */
export const syncDirs = async (dirs: Iterable<string>): Promise<void> => {
  for (const d of new Set(dirs)) await syncDir(d)
}

const syncDir = async (dir: string): Promise<void> => {
  try {
    const h = await fs.open(dir, 'r')
    try {
      await h.sync()
    } finally {
      await h.close()
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  }
}
