import {createInterface} from 'node:readline'

import {PASSPHRASE_ENV} from '../keys/key-store.js'

/**
 * The key passphrase: SCANVET_KEY_PASSPHRASE, or asked on the terminal without echo. Undefined when neither is
 * possible (no TTY), and the library then says how to provide it. Never logged.
 */
export const readPassphrase = async (prompt: string, confirm = false): Promise<string | undefined> => {
  const fromEnv = process.env[PASSPHRASE_ENV]
  if (fromEnv) return fromEnv
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined
  const first = await askHidden(prompt)
  if (confirm && (await askHidden('Repeat it: ')) !== first) throw new Error('the passphrases do not match')
  return first
}

const askHidden = (prompt: string): Promise<string> =>
  new Promise((resolve) => {
    const rl = createInterface({input: process.stdin, output: process.stderr, terminal: true})
    const out = rl as unknown as {_writeToOutput: (s: string) => void}
    process.stderr.write(prompt)
    out._writeToOutput = () => {}
    rl.question('', (answer) => {
      rl.close()
      process.stderr.write('\n')
      resolve(answer)
    })
  })
