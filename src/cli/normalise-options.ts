/** The part of an oclif flag definition that option normalisation needs. */
export interface OptionFlagShape {
  readonly char?: string
  readonly options?: readonly string[]
  readonly type?: string
}

/**
 * Rewrites each value given to a flag with a closed set of options to that option's own spelling, so
 * `--fail-on High` and `--modality ct` are accepted: users type what they read in a report, and a case
 * difference is never a different choice. Anything that matches no option is left for oclif to refuse.
 */
export const normaliseOptionValues = (argv: readonly string[], flags: Readonly<Record<string, OptionFlagShape>>): string[] => {
  const byToken = new Map<string, readonly string[]>()
  for (const [name, f] of Object.entries(flags)) {
    if (f.type !== 'option' || !f.options || f.options.length === 0) continue
    byToken.set(`--${name}`, f.options)
    if (f.char) byToken.set(`-${f.char}`, f.options)
  }
  const canonical = (options: readonly string[], v: string): string => options.find((o) => o.toLowerCase() === v.toLowerCase()) ?? v
  const out: string[] = []
  let pending: readonly string[] | undefined
  for (const arg of argv) {
    if (pending) {
      out.push(canonical(pending, arg))
      pending = undefined
      continue
    }
    if (arg === '--') {
      out.push(...argv.slice(argv.indexOf(arg)))
      return out
    }
    const eq = arg.indexOf('=')
    if (arg.startsWith('--') && eq > 0 && byToken.has(arg.slice(0, eq))) {
      out.push(`${arg.slice(0, eq)}=${canonical(byToken.get(arg.slice(0, eq))!, arg.slice(eq + 1))}`)
      continue
    }
    pending = byToken.get(arg)
    out.push(arg)
  }
  return out
}
