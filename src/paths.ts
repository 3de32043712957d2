import {fileURLToPath} from 'node:url'
import path from 'node:path'

/** The package root: this file sits one level down, in src/ (tests) or dist/ (the CLI). */
export const PACKAGE_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..')

export const packagePath = (...parts: string[]): string => path.join(PACKAGE_ROOT, ...parts)

/** A path as the user should see it: relative to the current directory when that is shorter. */
export const displayPath = (p: string, cwd = process.cwd()): string => {
  const rel = path.relative(cwd, p)
  return rel !== '' && !rel.startsWith('..') && rel.length < p.length ? rel : p
}
