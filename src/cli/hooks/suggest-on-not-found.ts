import type {Hook} from '@oclif/core'

import {suggestCommand} from '../suggest-command.js'

/**
 * The command_not_found hook asks "Did you mean …?" on a terminal; on a pipe or in cron it can only say that
 * the command does not exist. This `finally` hook (it runs after every command, before oclif prints the error)
 * adds the full corrected line, with the arguments that followed the mistyped word, so a script's log shows
 * what to type.
 */
const hook: Hook.Finally = async function (opts) {
  if (opts.Command !== undefined || opts.error === undefined || process.stdin.isTTY || opts.id === undefined) return
  if ((opts.error as {oclif?: {exit?: number}}).oclif?.exit !== 127) return
  const ids = opts.config.commands.filter((c) => !c.hidden).map((c) => c.id)
  const line = suggestCommand(opts.id.split(':'), opts.argv ?? [], ids)
  if (line) process.stderr.write(`Did you mean: ${opts.config.bin} ${line}\n`)
}

export default hook
