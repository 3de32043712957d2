import {toConfiguredId, type Hook} from '@oclif/core'

import {confirm} from '../confirm.js'
import {suggestCommandParts} from '../suggest-command.js'

/**
 * A mistyped command: "Did you mean vendor add?" on a terminal (y runs it; no answer in 10 s is no), then the
 * help to read; the `finally` hook adds the whole corrected line when there is no terminal. scanvet's own hook
 * instead of @oclif/plugin-not-found because that plugin compares the whole line, arguments included, as one
 * string: `vendor ad acme` came out as `vendor rename`.
 */
const hook: Hook.CommandNotFound = async function (opts) {
  const ids = opts.config.commands.filter((c) => !c.hidden).map((c) => c.id)
  const words = opts.id.split(':')
  const topic = opts.config.findTopic(words[0]!) ? ` ${words[0]}` : ''
  this.warn(`${toConfiguredId(opts.id, opts.config)} is not a ${opts.config.bin} command.`)
  const s = suggestCommandParts(words, opts.argv ?? [], ids)
  if (s && process.stdin.isTTY && process.stderr.isTTY) {
    if (await confirm(`Did you mean ${toConfiguredId(s.id, opts.config)}?`, {timeoutMs: 10_000, default: true})) return opts.config.runCommand(s.id, s.argv)
  }
  this.error(`Run ${opts.config.bin} help${topic} for a list of available commands.`, {exit: 127})
}

export default hook
