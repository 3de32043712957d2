import {Command, Flags} from '@oclif/core'

import {INPUT_ERROR_CODES, InvalidInputError, ScanvetError} from '../errors.js'

/** Shared by every command: turns library errors into plain messages and exit codes, never a stack trace. */
export abstract class BaseCommand extends Command {
  protected override async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (err instanceof ScanvetError) {
      const exit = INPUT_ERROR_CODES.has(err.code) ? 2 : 1
      if (this.jsonEnabled()) {
        this.logJson({error: {code: err.code, message: err.message, ...(err instanceof InvalidInputError ? {problems: err.problems} : {}), suggestions: err.suggestions}})
        process.exitCode = exit
        return
      }
      this.logToStderr(err.message)
      if (err.suggestions.length > 0) this.logToStderr(err.suggestions.map((s) => `  Try: ${s}`).join('\n'))
      process.exitCode = exit
      return
    }
    // oclif's own errors (bad flags, missing args) already carry a message and an exit code.
    if (err.oclif !== undefined) return super.catch(err)
    if (process.env.SCANVET_DEBUG) this.logToStderr(err.stack ?? String(err))
    this.logToStderr(`unexpected error: ${err.message} (set SCANVET_DEBUG=1 for details)`)
    process.exitCode = 1
  }
}

export const workspaceFlag = Flags.directory({
  char: 'w',
  description: 'Workspace directory (default: the nearest parent directory with scanvet.yaml).',
  env: 'SCANVET_WORKSPACE',
})

export const failOnFlag = Flags.option({
  description: 'Exit 3 when any finding of this severity or worse fails (a policy gate for scripts).',
  options: ['critical', 'high', 'medium', 'low', 'info'] as const,
})()
