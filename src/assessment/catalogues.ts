import {loadChecks} from '../checks/load-checks.js'
import {loadFrameworks} from '../controls/load-frameworks.js'
import {loadQuestionnaireWithMigrations} from '../questionnaire/load-questionnaire.js'

/** What every vendor of a run reads alike: the checks, the framework catalogues, the questionnaires. */
export interface Catalogues {
  readonly checks: () => ReturnType<typeof loadChecks>
  readonly frameworks: (ids: readonly string[]) => ReturnType<typeof loadFrameworks>
  readonly questionnaire: (id: string | undefined) => ReturnType<typeof loadQuestionnaireWithMigrations>
}

/** Read afresh each time: one `assess` reads each once anyway. */
export const freshCatalogues: Catalogues = {
  checks: () => loadChecks(),
  frameworks: (ids) => loadFrameworks(ids),
  questionnaire: (id) => loadQuestionnaireWithMigrations(id),
}

/**
 * Read once per batch: a quarterly run over hundreds of vendors parsed and validated the same YAML for each.
 * The files do not change under a running batch (it holds the workspace lock), so one read serves all.
 */
export const batchCatalogues = (): Catalogues => {
  const memo = new Map<string, Promise<unknown>>()
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined
    if (!p) {
      p = load()
      // A failed read is not remembered: the next vendor gets the same clear error, not a stale rejection.
      p.catch(() => memo.delete(key))
      memo.set(key, p)
    }
    return p
  }
  return {
    checks: () => once('checks', loadChecks),
    frameworks: (ids) => once(`frameworks:${[...ids].join(',')}`, () => loadFrameworks(ids)),
    questionnaire: (id) => once(`questionnaire:${id ?? ''}`, () => loadQuestionnaireWithMigrations(id)),
  }
}
