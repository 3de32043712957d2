import {promises as fs} from 'node:fs'
import path from 'node:path'

import {withWorkspaceLock} from './lock.js'
import {loadVendor} from './vendors.js'
import type {Workspace} from './workspace-types.js'

export interface RemoveVendorResult {
  readonly vendor: string
  readonly removed: boolean
  /** Where the vendor's folder (profile, evidence, signed reports) was kept, or null when purged. */
  readonly keptAt: string | null
}

/** Kept vendors go here: outside vendors/, so list, status and run no longer see them, but nothing is lost. */
export const REMOVED_DIR = 'removed-vendors'

/**
 * Stop auditing a vendor. By default its folder moves to removed-vendors/<id>-<date>, so the signed reports
 * procurement may still need stay; `purge` deletes it. Under the workspace lock, so a run cannot be writing it.
 */
export const removeVendor = async (ws: Workspace, id: string, opts: {readonly purge?: boolean; readonly now?: () => Date} = {}): Promise<RemoveVendorResult> => {
  const vendor = await loadVendor(ws, id)
  return withWorkspaceLock(ws.root, async () => {
    if (opts.purge) {
      await fs.rm(vendor.dir, {recursive: true, force: true})
      return {vendor: id, removed: true, keptAt: null}
    }
    const stamp = (opts.now ?? (() => new Date()))().toISOString().slice(0, 19).replaceAll(':', '')
    const target = path.join(ws.root, REMOVED_DIR, `${id}-${stamp}`)
    await fs.mkdir(path.dirname(target), {recursive: true})
    await fs.rename(vendor.dir, target)
    return {vendor: id, removed: true, keptAt: target}
  })
}
