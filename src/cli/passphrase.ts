import {StringDecoder} from 'node:string_decoder'

import {ScanvetError} from '../errors.js'
import {PASSPHRASE_ENV} from '../keys/key-store.js'
import {readPassphraseFile} from '../keys/passphrase-file.js'

/** The terminal, or any stream pair a test hands in (a TTY is not needed to test the prompt). */
export interface PromptStreams {
  readonly input: NodeJS.ReadableStream & {isTTY?: boolean; isRaw?: boolean; setRawMode?: (raw: boolean) => unknown}
  readonly output: NodeJS.WritableStream & {isTTY?: boolean}
}

export interface PassphraseOptions {
  /** `--passphrase-file`: wins over everything else. */
  readonly file?: string | undefined
  /** Ask twice (a new key). */
  readonly confirm?: boolean
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly streams?: PromptStreams
}

const terminal = (): PromptStreams => ({input: process.stdin, output: process.stderr})

/**
 * The key passphrase: `--passphrase-file`, else SCANVET_KEY_PASSPHRASE, else asked on the terminal with the
 * label shown and the typed characters not. Undefined when none is possible (no TTY): the caller then refuses
 * up front with how to give one. Never logged.
 */
export const readPassphrase = async (prompt: string, confirm = false, opts: PassphraseOptions = {}): Promise<string | undefined> => {
  if (opts.file) return readPassphraseFile(opts.file)
  const fromEnv = (opts.env ?? process.env)[PASSPHRASE_ENV]
  if (fromEnv) return fromEnv
  const io = opts.streams ?? terminal()
  if (!io.input.isTTY || !io.output.isTTY) return undefined
  const first = await askHidden(prompt, io)
  if (confirm || opts.confirm) {
    if ((await askHidden('Repeat it: ', io)) !== first) throw new ScanvetError('KEY_ERROR', 'the two passphrases do not match')
  }
  return first
}

/**
 * Ask without echo. readline cannot do this: it redraws its line (ESC[1G ESC[0J) and erases the label with it,
 * so the command looks hung. Here the label is written once and the terminal, in raw mode, echoes nothing;
 * backspace, Ctrl-U, Enter, Ctrl-C and Ctrl-D behave as at a shell's password prompt.
 */
export const askHidden = (label: string, io: PromptStreams): Promise<string> =>
  new Promise((resolve, reject) => {
    const {input, output} = io
    const wasRaw = input.isRaw ?? false
    const decoder = new StringDecoder('utf8')
    let typed: string[] = []
    output.write(label)
    input.setRawMode?.(true)
    const finish = (): void => {
      input.off('data', onData)
      input.off('end', onEnd)
      input.setRawMode?.(wasRaw)
      input.pause()
      output.write('\n')
    }
    const onEnd = (): void => {
      finish()
      reject(new ScanvetError('KEY_ERROR', 'no passphrase given (input closed)'))
    }
    const onData = (chunk: Buffer | string): void => {
      const s = typeof chunk === 'string' ? chunk : decoder.write(chunk)
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') {
          finish()
          resolve(typed.join(''))
          return
        }
        if (ch === '\u0003' || (ch === '\u0004' && typed.length === 0)) {
          finish()
          reject(new ScanvetError('KEY_ERROR', ch === '\u0003' ? 'no passphrase given (interrupted)' : 'no passphrase given'))
          return
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1)
        else if (ch === '\u0015') typed = []
        else if (ch >= ' ') typed.push(ch)
      }
    }
    input.on('data', onData)
    input.on('end', onEnd)
    input.resume()
  })
