import {createInterface} from 'node:readline/promises'

/** Ask a yes/no question on the terminal (stderr), default no. Only called when stdin and stderr are a TTY. */
export const confirm = async (question: string, opts: {timeoutMs?: number; default?: boolean} = {}): Promise<boolean> => {
  const rl = createInterface({input: process.stdin, output: process.stderr})
  // An unanswered question gives up after timeoutMs (the default answer), so a forgotten terminal does not hang.
  const signal = opts.timeoutMs === undefined ? undefined : AbortSignal.timeout(opts.timeoutMs)
  try {
    const answer = (await rl.question(`${question} ${opts.default ? '[Y/n]' : '[y/N]'} `, signal ? {signal} : {})).trim()
    return answer === '' ? opts.default === true : /^y(es)?$/i.test(answer)
  } catch {
    process.stderr.write('\n')
    return false
  } finally {
    rl.close()
  }
}
