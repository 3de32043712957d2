import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {InvalidInputError} from '../errors.js'
import {FRAMEWORKS_DIR} from '../controls/load-frameworks.js'
import {lintContent} from '../controls/lint-content.js'
import type {Framework} from '../controls/framework-types.js'
import {displayPath} from '../paths.js'
import {validateText} from '../validation/validate-document.js'
import {readText} from '../workspace/read-input.js'
import {lintQuestionnaire, type LintFramework, type LintResult} from './lint-questionnaire.js'
import {QUESTIONNAIRES_DIR} from './load-questionnaire.js'

/** Every framework catalogue in the folder; a broken one is an input error like any other. */
export const loadLintFrameworks = async (dir = FRAMEWORKS_DIR): Promise<LintFramework[]> => {
  if (!existsSync(dir)) return []
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.yaml')).sort()
  const out: LintFramework[] = []
  for (const name of names) {
    const file = displayPath(path.join(dir, name))
    const r = validateText<Framework>('framework', await readText(path.join(dir, name), 'framework'), file)
    if (!r.success) throw new InvalidInputError(r.problems)
    out.push({file, framework: r.data})
  }
  return out
}

/** The bundled questionnaires (questionnaires/*.yaml). */
export const bundledQuestionnaireFiles = async (dir = QUESTIONNAIRES_DIR): Promise<string[]> =>
  existsSync(dir) ? (await fs.readdir(dir)).filter((n) => n.endsWith('.yaml')).sort().map((n) => path.join(dir, n)) : []

export const lintFiles = async (files: readonly string[], frameworksDir = FRAMEWORKS_DIR): Promise<LintResult[]> => {
  const frameworks = await loadLintFrameworks(frameworksDir)
  const results: LintResult[] = []
  for (const f of files) results.push(lintQuestionnaire({text: await readText(f, 'questionnaire'), file: displayPath(path.resolve(f)), frameworks}))
  // Citations: only once every questionnaire parses (the citation lint reads them as documents).
  if (results.every((r) => r.problems.length === 0)) {
    const problems = await lintContent({frameworks: frameworksDir, questionnaires: files})
    const byFile = new Map<string, typeof problems>()
    for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p])
    for (const [file, ps] of byFile) {
      const r = results.findIndex((x) => x.file === file)
      if (r >= 0) results[r] = {...results[r]!, problems: [...results[r]!.problems, ...ps]}
      else results.push({file, problems: ps, notes: []})
    }
  }
  return results
}
