import {promises as fs} from 'node:fs'

import {ScanvetError} from '../errors.js'
import {packagePath} from '../paths.js'

/**
 * The compiled modules the HTML form runs, in dependency order: the condition evaluator, `when` visibility,
 * canonical answers and the canonical serialiser — the very code the CLI runs, not a copy of its logic, so
 * the form saves the same bytes as import and the terminal do.
 */
export const EMBEDDED_MODULES = [
  'schemas/condition.js',
  'conditions/duration.js',
  'conditions/evaluate.js',
  'questionnaire/visibility.js',
  'questionnaire/canonical-answers.js',
  'questionnaire/embedded-document.js',
  'questionnaire/serialise-answers.js',
] as const

/** One module's compiled text as a plain script: its imports dropped (the modules they name come first), `export` removed. */
export const stripModuleSyntax = (js: string): string =>
  js
    .replace(/^import\s[^;]*?from\s*['"][^'"]+['"];?[ \t]*$/gms, '')
    .replace(/^export\s*\{[^}]*\};?[ \t]*$/gm, '')
    .replace(/^export\s+(const|let|function|class|async function)\b/gm, '$1')
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '')

/** The embedded library: one script that defines serialiseAnswers, canonicalAnswersFile, askedAndAnswered, … */
export const embeddedLibrary = async (): Promise<string> => {
  const parts: string[] = []
  for (const m of EMBEDDED_MODULES) {
    const file = packagePath('dist', m)
    let js: string
    try {
      js = await fs.readFile(file, 'utf8')
    } catch {
      throw new ScanvetError('NOT_FOUND', `the compiled form logic is missing (${file})`, ['Build scanvet first: npm run build'])
    }
    parts.push(`// ${m}\n${stripModuleSyntax(js).trim()}`)
  }
  const lib = parts.join('\n\n')
  if (/^\s*(import|export)\s/m.test(lib)) throw new ScanvetError('NOT_FOUND', 'the compiled form logic has module syntax left after stripping', ['Rebuild: npm run build'])
  return lib
}
