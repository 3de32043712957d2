import {Command, Errors, Flags, ux, type Interfaces} from '@oclif/core'
// oclif's FlagOutput and ArgOutput, which its public entry points do not export.
type FlagOutput = {[name: string]: any}
type ArgOutput = {[name: string]: any}

import {INPUT_ERROR_CODES, InvalidInputError, ScanvetError} from '../errors.js'
import {closest} from '../util/did-you-mean.js'
import {colourEnabled} from './colour.js'
import {normaliseOptionValues, type OptionArgShape, type OptionFlagShape} from './normalise-options.js'

/** Shared by every command: turns library errors into plain messages and exit codes, never a stack trace. */
export abstract class BaseCommand extends Command {
  // Read by colourEnabled from argv (colour is decided before and outside flag parsing); declared so oclif
  // accepts it and lists it among the global flags.
  static override baseFlags = {
    'no-color': Flags.boolean({description: 'No colour in the output (as NO_COLOR=1 does).', helpGroup: 'GLOBAL'}),
  }

  protected override async parse<F extends FlagOutput, B extends FlagOutput, A extends ArgOutput>(
    options?: Interfaces.Input<F, B, A>,
    argv: string[] = this.argv,
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    const flags = {...(options?.baseFlags ?? {}), ...(options?.flags ?? {})} as Record<string, OptionFlagShape>
    return super.parse(options, normaliseOptionValues(argv, flags, (options?.args ?? {}) as Record<string, OptionArgShape>))
  }

  /**
   * JSON as oclif prints it, but coloured only for a terminal that takes colour: oclif's colouring tokenises the
   * whole text with regular expressions whatever the stream, 0.4 s for the 4 MB of `dicom check --json` on 2,000
   * files, all of it thrown away when the output goes to a pipe or a file.
   */
  override logJson(json: unknown): void {
    if (colourEnabled(process.stdout)) super.logJson(json)
    else ux.stdout(JSON.stringify(json, undefined, 2))
  }

  /**
   * oclif's warnings (a deprecated flag name, `--out` for `--output`) in scanvet's style: one plain line on
   * stderr, not the `›   Warning:` block wrapped at 80 columns.
   */
  override warn(input: string | Error): string | Error {
    const text = (typeof input === 'string' ? input : input.message).replaceAll(/\s*\n\s*/g, ' ')
    this.logToStderr(`warning: ${text.charAt(0).toLowerCase()}${text.slice(1)}`)
    return input
  }

  /** The command line the user can type, e.g. `scanvet vendor add`. */
  private commandLine(): string {
    return [this.config.bin, ...(this.id ?? '').split(':')].filter(Boolean).join(' ')
  }

  /**
   * oclif's parse errors in scanvet's own style: what is wrong, what to type, and no USAGE dump (the help is
   * one `--help` away, and a dump hides the one line that matters).
   */
  private parseErrorAdvice(err: Error): {message: string; suggestions: string[]} | undefined {
    if (!(err instanceof Errors.CLIError) || !('parse' in err)) return undefined
    const message = err.message.replace(/\nSee more help with --help$/, '')
    const help = `${this.commandLine()} --help`
    const ctor = this.constructor as typeof Command
    const flagNames = Object.keys({...ctor.baseFlags, ...ctor.flags, ...(ctor.enableJsonFlag ? {json: true} : {})})
    const unknown = /^Nonexistent flags?: (.+)$/.exec(message)
    if (unknown) {
      const suggestions = unknown[1]!.split(', ').flatMap((f) => {
        const near = closest(f.replace(/^-+/, '').split('=')[0]!, flagNames)
        return near === undefined ? [] : [`${f} is not a flag of ${this.commandLine()}; did you mean --${near}?`]
      })
      return {message: `unknown flag: ${unknown[1]}`, suggestions: [...suggestions, help]}
    }
    const option = /^Expected --([\w-]+)=(.*) to be one of: (.+)$/s.exec(message)
    if (option) {
      const choices = option[3]!.split(/,\s*/)
      const near = closest(option[2]!, choices)
      return {
        message: `--${option[1]} does not take "${option[2]}"; it takes one of: ${choices.join(', ')}`,
        suggestions: [...(near ? [`${this.commandLine()} … --${option[1]} ${near}`] : []), help],
      }
    }
    const argOption = /^Expected (.*) to be one of: (.+)$/s.exec(message)
    if (argOption) {
      const choices = argOption[2]!.split(/,\s*/)
      const near = closest(argOption[1]!, choices)
      const typed = this.argv.map((a) => (a === argOption[1] && near ? near : a))
      return {
        message: `"${argOption[1]}" is not one of: ${choices.join(', ')}`,
        suggestions: [...(near ? [`${this.commandLine()} ${typed.join(' ')}`] : []), help],
      }
    }
    return {message: message.charAt(0).toLowerCase() + message.slice(1), suggestions: [help]}
  }

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
    const advice = this.parseErrorAdvice(err)
    if (advice) {
      if (this.jsonEnabled()) this.logJson({error: {code: 'INVALID_INPUT', message: advice.message, suggestions: advice.suggestions}})
      else {
        this.logToStderr(advice.message)
        this.logToStderr(advice.suggestions.map((s) => `  Try: ${s}`).join('\n'))
      }
      process.exitCode = 2
      return
    }
    // Other oclif errors (exit requests and the like) already carry a message and an exit code.
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

/** The signing key's passphrase from a file (cron, CI); never give a secret itself as an argument. */
export const passphraseFileFlag = Flags.file({
  description: 'Read the signing key passphrase from the first line of FILE (mode 0600). Otherwise SCANVET_KEY_PASSPHRASE, or asked on the terminal.',
  helpValue: 'FILE',
})

export const failOnFlag = Flags.option({
  description: 'Exit 3 when any finding of this severity or worse fails (a policy gate for scripts).',
  options: ['critical', 'high', 'medium', 'low', 'info'] as const,
})()
