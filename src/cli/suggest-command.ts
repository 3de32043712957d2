import {closest} from '../util/did-you-mean.js'

/**
 * The command line the user most likely meant: oclif joins every word of `scanvet vendor ad acme` into one id
 * (`vendor:ad:acme`), so each split into command words and arguments is tried, longest command first, each
 * against the commands of that many words.
 */
export const suggestCommand = (words: readonly string[], argv: readonly string[], ids: readonly string[]): string | undefined => {
  for (let n = Math.min(words.length, 3); n >= 1; n--) {
    const head = words.slice(0, n).join(':')
    // Only commands of as many words: `vendor:ad:acme` is closer to `vendor:rename` as a string than to
    // `vendor:add`, but its third word is an argument, not part of a command name.
    const near = closest(head, ids.filter((id) => id.split(':').length === n))
    if (near !== undefined) return [...near.split(':'), ...words.slice(n), ...argv].join(' ')
  }
  return undefined
}
