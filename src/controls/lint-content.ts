import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import type {Check} from '../checks/check-types.js'
import {checkFiles, CHECKS_DIR} from '../checks/load-checks.js'
import {InvalidInputError, type Problem} from '../errors.js'
import {displayPath} from '../paths.js'
import type {Questionnaire} from '../questionnaire/questionnaire-types.js'
import type {InputKind} from '../schemas/index.js'
import {validateText} from '../validation/validate-document.js'
import type {Framework} from './framework-types.js'
import {lintCitations, type Located} from './lint-citations.js'
import {FRAMEWORKS_DIR} from './load-frameworks.js'
import {loadProvisionRegister, PROVISIONS_DIR} from './provisions.js'

export interface ContentDirs {
  readonly frameworks?: string
  readonly checks?: string
  readonly provisions?: string
  readonly questionnaires: readonly string[]
  /** Default: today (UTC). */
  readonly asOf?: string
}

const located = async <T>(kind: InputKind, file: string, problems: Problem[]): Promise<Located<T> | undefined> => {
  const shown = displayPath(file)
  const r = validateText<T>(kind, await fs.readFile(file, 'utf8'), shown)
  if (!r.success) {
    problems.push(...r.problems)
    return undefined
  }
  return {file: shown, data: r.data, doc: r.doc, lineCounter: r.lineCounter}
}

const yamlIn = async (dir: string): Promise<string[]> =>
  existsSync(dir) ? (await fs.readdir(dir)).filter((n) => n.endsWith('.yaml')).sort().map((n) => path.join(dir, n)) : []

/** Lint the citations of every catalogue, check and questionnaire against the register of provisions. */
export const lintContent = async (dirs: ContentDirs): Promise<Problem[]> => {
  const problems: Problem[] = []
  const register = await loadProvisionRegister(dirs.provisions ?? PROVISIONS_DIR)
  const frameworks = (await Promise.all((await yamlIn(dirs.frameworks ?? FRAMEWORKS_DIR)).map((f) => located<Framework>('framework', f, problems)))).filter((x) => x !== undefined)
  const checksRoot = dirs.checks ?? CHECKS_DIR
  const checks = (await Promise.all((existsSync(checksRoot) ? await checkFiles(checksRoot) : []).map((f) => located<Omit<Check, 'file'>>('check', f, problems)))).filter((x) => x !== undefined)
  const questionnaires = (await Promise.all(dirs.questionnaires.map((f) => located<Questionnaire>('questionnaire', f, problems)))).filter((x) => x !== undefined)
  if (problems.length) throw new InvalidInputError(problems)
  return lintCitations({register, frameworks, checks, questionnaires, asOf: dirs.asOf ?? new Date().toISOString().slice(0, 10)})
}
