import {closest} from '../util/did-you-mean.js'

/**
 * The command line the user most likely meant: oclif joins every word of `scanvet vendor ad acme` into one id
 * (`vendor:ad:acme`), so each split into command words and arguments is tried, longest command first, each
 * against the commands of that many words.
 */
export const suggestCommandParts = (words: readonly string[], argv: readonly string[], ids: readonly string[]): {id: string; argv: string[]} | undefined => {
  for (let n = Math.min(words.length, 3); n >= 1; n--) {
    const head = words.slice(0, n).join(':')
    // Only commands of as many words: `vendor:ad:acme` is closer to `vendor:rename` as a string than to
    // `vendor:add`, but its third word is an argument, not part of a command name.
    const near = closest(head, ids.filter((id) => id.split(':').length === n))
    if (near !== undefined) return {id: near, argv: [...words.slice(n), ...argv]}
  }
  return undefined
}

/** The same, as the line to type. */
export const suggestCommand = (words: readonly string[], argv: readonly string[], ids: readonly string[]): string | undefined => {
  const s = suggestCommandParts(words, argv, ids)
  return s ? [...s.id.split(':'), ...s.argv].join(' ') : undefined
}
