import {createInterface} from 'node:readline'
import type {Readable} from 'node:stream'

/** Lines from a stream, one at a time, whether it is a terminal or a pipe; ends at end of input. */
export const streamLines = (input: Readable): {lines: AsyncIterator<string>; close: () => void} => {
  const rl = createInterface({input, terminal: false, crlfDelay: Infinity})
  return {lines: rl[Symbol.asyncIterator](), close: () => rl.close()}
}
