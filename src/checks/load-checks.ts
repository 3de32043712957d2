import {promises as fs} from 'node:fs'
import path from 'node:path'

import {InvalidInputError, type Problem} from '../errors.js'
import {displayPath, packagePath} from '../paths.js'
import {validateText} from '../validation/validate-document.js'
import {readBytes} from '../workspace/read-input.js'
import type {Check} from './check-types.js'

export const CHECKS_DIR = packagePath('checks')
const NOT_CHECKS = new Set(['frameworks'])

/** The check files: checks/<family>/*.yaml, read by convention (frameworks/ holds catalogues, not checks). */
export const checkFiles = async (root = CHECKS_DIR): Promise<string[]> => {
  const families = (await fs.readdir(root, {withFileTypes: true})).filter((d) => d.isDirectory() && !NOT_CHECKS.has(d.name))
  const files = await Promise.all(
    families.map(async (d) =>
      (await fs.readdir(path.join(root, d.name))).filter((f) => f.endsWith('.yaml')).map((f) => path.join(root, d.name, f)),
    ),
  )
  return files.flat().sort()
}

/** Load and validate every check; all problems of all files at once. Ids must be unique and match file names. */
export const loadChecks = async (root = CHECKS_DIR): Promise<Check[]> => {
  const problems: Problem[] = []
  const checks: Check[] = []
  const seen = new Map<string, string>()
  const files = await checkFiles(root)
  // Read at once, judged in order: one read after another left the process idle for most of ~150 ms.
  const texts = await Promise.all(files.map((file) => readBytes(file, 'check')))
  for (const [i, file] of files.entries()) {
    const shown = displayPath(file)
    const r = validateText<Omit<Check, 'file'>>('check', texts[i]!, shown)
    if (!r.success) {
      problems.push(...r.problems)
      continue
    }
    const c = r.data
    if (path.basename(file, '.yaml') !== c.id) {
      problems.push({file: shown, line: 1, col: 1, message: `check id '${c.id}' must match its file name`, pointer: '/id'})
    }
    if (path.basename(path.dirname(file)) !== c.probe) {
      problems.push({file: shown, line: 1, col: 1, message: `check '${c.id}' reads probe '${c.probe}' but sits in checks/${path.basename(path.dirname(file))}/`, pointer: '/probe'})
    }
    const dup = seen.get(c.id)
    if (dup) problems.push({file: shown, line: 1, col: 1, message: `check id '${c.id}' is already used by ${dup}`, pointer: '/id'})
    seen.set(c.id, shown)
    checks.push({...c, file: shown})
  }
  if (problems.length > 0) throw new InvalidInputError(problems)
  return checks
}
