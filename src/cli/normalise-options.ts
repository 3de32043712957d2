import {canonicalOption} from '../util/canonical-option.js'

/** The part of an oclif flag definition that option normalisation needs. */
export interface OptionFlagShape {
  readonly char?: string
  readonly options?: readonly string[]
  readonly type?: string
  readonly multiple?: boolean
  readonly multipleNonGreedy?: boolean
  readonly delimiter?: string
}

/** The part of an oclif argument definition it needs (arguments are positional, in declaration order). */
export interface OptionArgShape {
  readonly options?: readonly string[]
}

/**
 * Rewrites each value given to a flag or argument with a closed set of options to that option's own spelling,
 * so `--fail-on High`, `--modality ct` and `schema Vendor` are accepted: users type what they read in a
 * report, and a case difference is never a different choice. A flag taking several values
 * (`--jurisdiction us eu`, as oclif reads a greedy multiple flag, or `a,b` with a delimiter) has each value
 * rewritten. Anything that matches no option is left for oclif to refuse.
 */
export const normaliseOptionValues = (
  argv: readonly string[],
  flags: Readonly<Record<string, OptionFlagShape>>,
  args: Readonly<Record<string, OptionArgShape>> = {},
): string[] => {
  const byToken = new Map<string, OptionFlagShape>()
  for (const [name, f] of Object.entries(flags)) {
    byToken.set(`--${name}`, f)
    if (f.char) byToken.set(`-${f.char}`, f)
  }
  const positional = Object.values(args)
  const canonical = (options: readonly string[] | undefined, v: string, delimiter?: string): string => {
    if (!options || options.length === 0) return v
    return delimiter ? v.split(delimiter).map((part) => canonicalOption(options, part.trim())).join(delimiter) : canonicalOption(options, v)
  }
  const takesValue = (f: OptionFlagShape | undefined): f is OptionFlagShape => f !== undefined && f.type === 'option'
  const isGreedy = (f: OptionFlagShape): boolean => f.multiple === true && f.multipleNonGreedy !== true
  const out: string[] = []
  let pending: OptionFlagShape | undefined
  // A greedy multiple flag goes on taking values until the next flag, as oclif's parser does.
  let greedy: OptionFlagShape | undefined
  let argIndex = 0
  const positionalValue = (arg: string): string => canonical(positional[argIndex++]?.options, arg)
  for (const [i, arg] of argv.entries()) {
    if (arg === '--') {
      out.push(arg, ...argv.slice(i + 1).map(positionalValue))
      return out
    }
    if (pending) {
      out.push(canonical(pending.options, arg, pending.delimiter))
      greedy = isGreedy(pending) ? pending : undefined
      pending = undefined
      continue
    }
    if (!arg.startsWith('-') || arg === '-') {
      out.push(greedy ? canonical(greedy.options, arg, greedy.delimiter) : positionalValue(arg))
      continue
    }
    greedy = undefined
    const eq = arg.indexOf('=')
    if (arg.startsWith('--') && eq > 0) {
      const f = byToken.get(arg.slice(0, eq))
      out.push(takesValue(f) ? `${arg.slice(0, eq)}=${canonical(f.options, arg.slice(eq + 1), f.delimiter)}` : arg)
      if (takesValue(f) && isGreedy(f)) greedy = f
      continue
    }
    const f = byToken.get(arg)
    if (takesValue(f)) pending = f
    out.push(arg)
  }
  return out
}
