import {closest} from '../util/did-you-mean.js'

/**
 * The command line the user most likely meant: oclif joins every word of `scanvet vendor ad acme` into one id
 * (`vendor:ad:acme`), so each split into command words and arguments is tried, longest command first.
 */
export const suggestCommand = (words: readonly string[], argv: readonly string[], ids: readonly string[]): string | undefined => {
  for (let n = Math.min(words.length, 3); n >= 1; n--) {
    const head = words.slice(0, n).join(':')
    const near = closest(head, ids)
    if (near !== undefined) return [...near.split(':'), ...words.slice(n), ...argv].join(' ')
  }
  return undefined
}
