import {createHash, randomBytes} from 'node:crypto'
import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

export const ASSESSMENTS_DIR = 'assessments'
const ROUND = /^(\d{4}-\d{2}-\d{2})-(\d+)$/

export const assessmentsDir = (vendorDir: string): string => path.join(vendorDir, ASSESSMENTS_DIR)

/** Completed rounds, oldest first. Half-written ones (temporary directories) are never listed. */
export const listRounds = async (vendorDir: string): Promise<string[]> => {
  const names = await fs.readdir(assessmentsDir(vendorDir)).catch(() => [] as string[])
  return names
    .filter((n) => ROUND.test(n) && existsSync(path.join(assessmentsDir(vendorDir), n, 'assessment.json')))
    .sort((a, b) => {
      const [, da, na] = ROUND.exec(a)!
      const [, db, nb] = ROUND.exec(b)!
      return da!.localeCompare(db!) || Number(na) - Number(nb)
    })
}

export const nextRoundId = async (vendorDir: string, date: Date): Promise<string> => {
  const day = date.toISOString().slice(0, 10)
  const names = await fs.readdir(assessmentsDir(vendorDir)).catch(() => [] as string[])
  const used = names.map((n) => ROUND.exec(n)).filter((m) => m && m[1] === day).map((m) => Number(m![2]))
  return `${day}-${Math.max(0, ...used) + 1}`
}

export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex')

export const latestRound = async (vendorDir: string): Promise<{id: string; sha256: string} | undefined> => {
  const rounds = await listRounds(vendorDir)
  const id = rounds.at(-1)
  if (!id) return undefined
  const json = await fs.readFile(path.join(assessmentsDir(vendorDir), id, 'assessment.json'))
  return {id, sha256: sha256Hex(json)}
}

/**
 * Write a round's files into a temporary directory, flush them, then rename the directory into place:
 * a killed run leaves either the whole round or none of it, and earlier rounds are never touched.
 */
export const writeRound = async (vendorDir: string, id: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<string> => {
  const base = assessmentsDir(vendorDir)
  await fs.mkdir(base, {recursive: true})
  const tmp = path.join(base, `.${id}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  await fs.mkdir(tmp)
  try {
    for (const [name, data] of Object.entries(files)) {
      // Names may hold one folder level (evidence/<file>); created inside the temporary directory.
      if (name.includes('/')) await fs.mkdir(path.join(tmp, path.dirname(name)), {recursive: true})
      const h = await fs.open(path.join(tmp, name), 'wx', 0o644)
      try {
        await h.writeFile(data)
        await h.sync()
      } finally {
        await h.close()
      }
    }
    const final = path.join(base, id)
    await fs.rename(tmp, final)
    return final
  } catch (error) {
    await fs.rm(tmp, {recursive: true, force: true})
    throw error
  }
}
