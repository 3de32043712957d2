import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {ScanvetError} from '../errors.js'
import {displayPath} from '../paths.js'
import {ID_PATTERN} from '../schemas/common.js'
import {parseOrThrow} from '../validation/validate-document.js'
import {isMap, isScalar, type Document} from 'yaml'

import {journalPath} from '../batch/journal.js'
import {readYaml, readYamlDocument} from '../yaml/read-yaml.js'
import {writeFileAtomic} from './atomic-write.js'
import {listRounds} from './history.js'
import {withWorkspaceLock} from './lock.js'
import {VENDOR_FILE, answersFileOf, loadVendor, vendorDir} from './vendors.js'
import type {VendorProfile, Workspace} from './workspace-types.js'

export interface RenameVendorResult {
  readonly from: string
  readonly to: string
  readonly dir: string
  /** Every id the vendor had before, oldest first (vendor.yaml `formerIds`): the older rounds carry them. */
  readonly formerIds: readonly string[]
  /** Working files whose vendor id was changed with the folder (vendor.yaml always). */
  readonly updated: readonly string[]
  /** Signed rounds left as they were, under the old id (a signature cannot follow a rename). */
  readonly rounds: number
}

/** The answers file and the `vendor edit` draft name the vendor; the signed rounds and condition log are left alone. */
const EDIT_DRAFT = '.vendor.edit.yaml'

/** A staged copy of a working file with the new id, renamed over the original once the folder has moved. */
interface Staged {
  readonly name: string
  readonly tmp: string
}

const stage = async (dir: string, name: string, text: string): Promise<Staged> => {
  const tmp = `.${name}.rename.tmp`
  await writeFileAtomic(path.join(dir, tmp), text)
  return {name, tmp}
}

/** A YAML file with `key: from` at the top, rewritten to `key: to` (comments kept), or undefined to leave it. */
const withKey = async (file: string, key: string, from: string, to: string): Promise<string | undefined> => {
  if (!existsSync(file)) return undefined
  const r = readYaml(await fs.readFile(file), displayPath(file))
  // A file that does not parse (a half-typed draft) is left as it is: it is the user's text, not ours to fix.
  if (r.problems.length > 0 || r.doc.get(key) !== from) return undefined
  r.doc.set(key, to)
  return r.doc.toString({lineWidth: 0})
}

/** Set `key` in the top-level map, placed right after `anchor` when it is new (so formerIds sits under id). */
const setAfter = (doc: Document, anchor: string, key: string, value: unknown): void => {
  if (doc.has(key) || !isMap(doc.contents)) {
    doc.set(key, value)
    return
  }
  const items = doc.contents.items
  const at = items.findIndex((p) => isScalar(p.key) && p.key.value === anchor)
  items.splice(at + 1, 0, doc.createPair(key, value))
}

/**
 * `vendor rename OLD NEW`: the vendor folder moves in one rename(2), under the workspace lock, and the working
 * files follow (vendor.yaml's `id`, the answers file's `vendor`, a `vendor edit` draft, an interrupted batch's
 * journal). The signed rounds and the chained condition log keep the old id: rewriting them would break their
 * signatures and hash chains, so vendor.yaml records it in `formerIds` and history accepts rounds under it.
 * NEW must be a valid id that no folder in vendors/ has; every check runs before anything is written.
 */
export const renameVendor = async (ws: Workspace, from: string, to: string): Promise<RenameVendorResult> => {
  if (!new RegExp(ID_PATTERN).test(to)) {
    const tidy = to.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-').replaceAll(/^-+|-+$/g, '')
    throw new ScanvetError('INVALID_INPUT', `'${to}' is not a vendor id: lowercase letters and digits, joined by single '-' or '.'`, [
      `scanvet vendor rename ${from} ${tidy && tidy !== from ? tidy : `${from}-2`}`,
    ])
  }
  const vendor = await loadVendor(ws, from)
  if (to === from) throw new ScanvetError('INVALID_INPUT', `'${from}' already has that id: nothing to rename`)
  return withWorkspaceLock(ws.root, async () => {
    const target = vendorDir(ws, to)
    // Any entry of that name (a vendor, a stray folder or file) is refused: rename(2) would replace an empty folder.
    if (existsSync(target)) {
      const isVendor = existsSync(path.join(target, VENDOR_FILE))
      throw new ScanvetError('VENDOR_EXISTS', `${isVendor ? `vendor '${to}' already exists` : `${displayPath(target)} already exists (not a vendor)`}; nothing was renamed`, [
        isVendor ? `Pick another id, or remove that vendor first: scanvet vendor remove ${to}` : `Pick another id, or move ${displayPath(target)} out of vendors/`,
      ])
    }

    const former = [...(vendor.profile.formerIds ?? []).filter((x) => x !== from && x !== to), from]
    const profileDoc = readYamlDocument(await fs.readFile(vendor.file), displayPath(vendor.file))
    profileDoc.set('id', to)
    setAfter(profileDoc, 'id', 'formerIds', profileDoc.createNode(former, {flow: true}))
    const profileText = profileDoc.toString({lineWidth: 0})
    // Validated as the renamed file will be shown, before anything is written.
    parseOrThrow<VendorProfile>('vendor', profileText, displayPath(path.join(target, VENDOR_FILE)))

    const answersName = answersFileOf(vendor.profile)
    const texts: [string, string | undefined][] = [
      [VENDOR_FILE, profileText],
      [answersName, await withKey(path.join(vendor.dir, answersName), 'vendor', from, to)],
      [EDIT_DRAFT, await withKey(path.join(vendor.dir, EDIT_DRAFT), 'id', from, to)],
    ]
    const staged: Staged[] = []
    try {
      for (const [name, text] of texts) if (text !== undefined) staged.push(await stage(vendor.dir, name, text))
    } catch (error) {
      await Promise.all(staged.map((s) => fs.rm(path.join(vendor.dir, s.tmp), {force: true})))
      throw error
    }
    // The commit point: one rename of the folder. The staged files then replace their originals, each a rename
    // inside the folder; a crash between the two leaves vendor.yaml naming the old id, which `scanvet validate`
    // and every vendor command report (the staged copy beside it is the finished file).
    await fs.rename(vendor.dir, target)
    for (const s of staged) await fs.rename(path.join(target, s.tmp), path.join(target, s.name))

    // An interrupted batch resumes by vendor id: its journal follows the rename.
    const journal = await fs.readFile(journalPath(ws.root), 'utf8').then((t) => JSON.parse(t) as {vendors?: {id: string}[]}).catch(() => undefined)
    if (journal && Array.isArray(journal.vendors) && journal.vendors.some((v) => v.id === from)) {
      await writeFileAtomic(journalPath(ws.root), `${JSON.stringify({...journal, vendors: journal.vendors.map((v) => (v.id === from ? {...v, id: to} : v))}, null, 2)}\n`)
    }

    const rounds = (await listRounds(target)).length
    return {from, to, dir: target, formerIds: former, updated: staged.map((s) => displayPath(path.join(target, s.name))), rounds}
  })
}
