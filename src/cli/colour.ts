/**
 * Whether to colour a stream, by the conventions users set once for every tool: FORCE_COLOR (non-zero) turns
 * colour on even through a pipe, NO_COLOR (any value) or `--no-color` turns it off, and otherwise only a
 * terminal that is not `dumb` gets it.
 */
export const colourEnabled = (
  stream: {readonly isTTY?: boolean},
  env: Readonly<Record<string, string | undefined>> = process.env,
  argv: readonly string[] = process.argv,
): boolean => {
  if (argv.includes('--no-color')) return false
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (force === '0' || force === 'false') return false
  return stream.isTTY === true && env.TERM !== 'dumb'
}

const SGR = {red: [31, 39], green: [32, 39], yellow: [33, 39], bold: [1, 22], dim: [2, 22]} as const
export type Style = keyof typeof SGR

export type Paint = (style: Style, text: string) => string

export const painter = (enabled: boolean): Paint => (style, text) => (enabled ? `\x1b[${SGR[style][0]}m${text}\x1b[${SGR[style][1]}m` : text)

/** The colour a verdict is read in: red for not approved, yellow for conditions, green for approved. */
export const verdictStyle = (decision: string): Style =>
  decision === 'approved' ? 'green' : decision === 'not-approved' ? 'red' : 'yellow'

/** The mark that matches an outcome: a tick only for what went well. */
export const outcomeMark = (decision: string): string =>
  decision === 'approved' ? '✓' : decision === 'not-approved' || decision === 'cannot-decide' ? '✗' : decision === 'interrupted' ? '…' : '!'
