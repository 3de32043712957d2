import {existsSync} from 'node:fs'
import path from 'node:path'

import {ScanvetError} from '../errors.js'
import {packagePath} from '../paths.js'
import {loadInput} from '../workspace/read-input.js'
import type {Questionnaire} from './questionnaire-types.js'

export const QUESTIONNAIRES_DIR = packagePath('questionnaires')
export const DEFAULT_QUESTIONNAIRE = 'imaging-ai-vendor'

/** A bundled questionnaire by id (questionnaires/<id>.yaml), or any file by path. */
export const loadQuestionnaire = async (idOrPath: string = DEFAULT_QUESTIONNAIRE): Promise<Questionnaire> => {
  const file = idOrPath.endsWith('.yaml') || idOrPath.includes(path.sep) ? path.resolve(idOrPath) : path.join(QUESTIONNAIRES_DIR, `${idOrPath}.yaml`)
  if (!existsSync(file)) throw new ScanvetError('NOT_FOUND', `no questionnaire '${idOrPath}' (${file})`)
  return loadInput<Questionnaire>('questionnaire', file)
}
