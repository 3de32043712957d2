import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {promises as fs} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {InvalidInputError, ScanvetError} from '../errors.js'
import {displayPath} from '../paths.js'
import type {Problem} from '../errors.js'
import {validateText} from '../validation/validate-document.js'
import {writeFileAtomic} from './atomic-write.js'
import {withWorkspaceLock} from './lock.js'
import {loadVendor} from './vendors.js'
import type {VendorProfile, Workspace} from './workspace-types.js'

/** The editor a user expects: $VISUAL, then $EDITOR, then vi (as git and crontab choose). */
export const editorOf = (env: Readonly<Record<string, string | undefined>>): string => env.VISUAL || env.EDITOR || 'vi'

/** Run the editor on a file and wait; the command line is split like a shell would for "code --wait". */
const runEditor = (editor: string, file: string, env: NodeJS.ProcessEnv): Promise<number> =>
  new Promise((resolve, reject) => {
    // sh -c 'EDITOR "$1"' name FILE: the editor setting may carry arguments; the file name is never re-split.
    const child = spawn('/bin/sh', ['-c', `${editor} "$1"`, 'scanvet-edit', file], {stdio: 'inherit', env})
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(signal ? 128 : (code ?? 1)))
  })

export type EditVendorResult =
  | {readonly status: 'saved'; readonly vendor: string; readonly file: string}
  | {readonly status: 'unchanged'; readonly vendor: string; readonly file: string}

/**
 * `vendor edit`: the profile is edited in a copy; only a copy that validates (and keeps its id) replaces
 * vendor.yaml, atomically. A copy with problems is kept beside it for the next try and the problems are given
 * at its line and column: the working profile is never left broken.
 */
export const editVendor = async (ws: Workspace, vendorId: string, opts: {readonly env?: NodeJS.ProcessEnv} = {}): Promise<EditVendorResult> => {
  const env = opts.env ?? process.env
  const vendor = await loadVendor(ws, vendorId)
  const original = await fs.readFile(vendor.file, 'utf8')
  const draft = path.join(vendor.dir, '.vendor.edit.yaml')
  // Resume a draft a failed edit left behind; otherwise start from the profile.
  const start = await fs.readFile(draft, 'utf8').catch(() => original)
  const tmp = path.join(os.tmpdir(), `scanvet-vendor-${vendorId}-${randomBytes(4).toString('hex')}.yaml`)
  await fs.writeFile(tmp, start, {mode: 0o600})
  try {
    const code = await runEditor(editorOf(env), tmp, env)
    if (code !== 0) throw new ScanvetError('INVALID_INPUT', `the editor (${editorOf(env)}) exited with ${code}; ${displayPath(vendor.file)} is unchanged`)
    const edited = await fs.readFile(tmp, 'utf8')
    if (edited === original) {
      await fs.rm(draft, {force: true})
      return {status: 'unchanged', vendor: vendorId, file: displayPath(vendor.file)}
    }
    return await withWorkspaceLock(ws.root, async () => {
      const shown = displayPath(draft)
      const checked = validateText<VendorProfile>('vendor', edited, shown)
      const problems: Problem[] = checked.success ? [] : [...checked.problems]
      if (checked.success && checked.data.id !== vendorId) problems.push({file: shown, line: 1, col: 1, pointer: '/id', message: `id '${checked.data.id}' must stay '${vendorId}' (the folder's name)`})
      if (problems.length > 0) {
        await writeFileAtomic(draft, edited, 0o600)
        throw new InvalidInputError(problems, [`${displayPath(vendor.file)} is unchanged; your edit is kept in ${shown}: run scanvet vendor edit ${vendorId} again to fix it`])
      }
      await writeFileAtomic(vendor.file, edited)
      await fs.rm(draft, {force: true})
      return {status: 'saved' as const, vendor: vendorId, file: displayPath(vendor.file)}
    })
  } finally {
    await fs.rm(tmp, {force: true})
  }
}
