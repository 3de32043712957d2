import {createInterface} from 'node:readline/promises'

/** Ask a yes/no question on the terminal (stderr), default no. Only called when stdin and stderr are a TTY. */
export const confirm = async (question: string): Promise<boolean> => {
  const rl = createInterface({input: process.stdin, output: process.stderr})
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
  } finally {
    rl.close()
  }
}
