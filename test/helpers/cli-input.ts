import {runCli, type CliResult} from './cli.js'

/** Run the built CLI with its standard input a pipe fed `input`, then closed (end of input). */
export const runCliWithInput = (args: readonly string[], input: string, opts: {cwd?: string; timeoutMs?: number} = {}): Promise<CliResult> =>
  runCli(args, {...opts, input})
