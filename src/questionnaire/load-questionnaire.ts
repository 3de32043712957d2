import {existsSync} from 'node:fs'
import path from 'node:path'

import {ScanvetError} from '../errors.js'
import {packagePath} from '../paths.js'
import {loadInput} from '../workspace/read-input.js'
import type {MigrationMap} from './migrate-answers.js'
import type {Questionnaire} from './questionnaire-types.js'

export const QUESTIONNAIRES_DIR = packagePath('questionnaires')
export const DEFAULT_QUESTIONNAIRE = 'imaging-ai-vendor'

/** The file of a bundled questionnaire by id (questionnaires/<id>.yaml), or any file by path. */
export const questionnaireFile = (idOrPath: string = DEFAULT_QUESTIONNAIRE): string => {
  const file = idOrPath.endsWith('.yaml') || idOrPath.includes(path.sep) || idOrPath.includes('/') ? path.resolve(idOrPath) : path.join(QUESTIONNAIRES_DIR, `${idOrPath}.yaml`)
  if (!existsSync(file)) throw new ScanvetError('NOT_FOUND', `no questionnaire '${idOrPath}' (${file})`, ['Bundled: imaging-ai-vendor'])
  return file
}

/** A bundled questionnaire by id (questionnaires/<id>.yaml), or any file by path. */
export const loadQuestionnaire = async (idOrPath: string = DEFAULT_QUESTIONNAIRE): Promise<Questionnaire> =>
  loadInput<Questionnaire>('questionnaire', questionnaireFile(idOrPath))

/**
 * The migration map kept beside a questionnaire (migrations/<id>.yaml in its folder), if any: how answers
 * to its earlier versions carry over.
 */
export const loadMigrations = async (questionnairePath: string, id: string): Promise<MigrationMap | undefined> => {
  const file = path.join(path.dirname(questionnairePath), 'migrations', `${id}.yaml`)
  if (!existsSync(file)) return undefined
  const map = await loadInput<MigrationMap>('migration', file)
  if (map.questionnaire !== id) throw new ScanvetError('INVALID_INPUT', `${file}: migration map is for '${map.questionnaire}', not '${id}'`)
  return map
}

export interface LoadedQuestionnaire {
  readonly questionnaire: Questionnaire
  readonly file: string
  readonly migrations?: MigrationMap
}

export const loadQuestionnaireWithMigrations = async (idOrPath?: string): Promise<LoadedQuestionnaire> => {
  const file = questionnaireFile(idOrPath)
  const questionnaire = await loadInput<Questionnaire>('questionnaire', file)
  const migrations = await loadMigrations(file, questionnaire.id)
  return {questionnaire, file, ...(migrations ? {migrations} : {})}
}
