import {chmodSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {PassThrough} from 'node:stream'
import {describe, expect, it} from 'vitest'

import {askHidden, readPassphrase, type PromptStreams} from '../../src/cli/passphrase.js'
import {readPassphraseFile} from '../../src/keys/passphrase-file.js'
import {tempDir} from '../helpers/tmp.js'

/** A terminal stand-in: a stream pair that says it is a TTY and records raw-mode switches. */
const fakeTerminal = () => {
  const input = Object.assign(new PassThrough(), {isTTY: true, isRaw: false, modes: [] as boolean[], setRawMode(raw: boolean) { this.isRaw = raw; this.modes.push(raw) }})
  const output = Object.assign(new PassThrough(), {isTTY: true})
  let shown = ''
  output.on('data', (c: Buffer) => (shown += c.toString('utf8')))
  return {io: {input, output} as unknown as PromptStreams, input, shown: () => shown}
}

describe('the hidden passphrase prompt', () => {
  it('shows its label, never the typed characters, handles backspace, and restores the terminal', async () => {
    const t = fakeTerminal()
    const p = askHidden('Passphrase of the signing key: ', t.io)
    t.input.write('s3cret-pass')
    t.input.write('X\u007f') // typed then erased
    t.input.write('wörd\r')
    await expect(p).resolves.toBe('s3cret-passwörd')
    expect(t.shown()).toBe('Passphrase of the signing key: \n')
    expect(t.shown()).not.toMatch(/s3cret|\u001b\[/)
    expect(t.input.modes).toEqual([true, false])
  })

  it('Ctrl-C is a clear refusal, not a hang', async () => {
    const t = fakeTerminal()
    const p = askHidden('Passphrase: ', t.io)
    t.input.write('abc\u0003')
    await expect(p).rejects.toMatchObject({code: 'KEY_ERROR', message: expect.stringMatching(/interrupted/)})
  })

  it('a new key is asked twice; two different answers are refused', async () => {
    const t = fakeTerminal()
    const p = readPassphrase('New passphrase: ', true, {env: {}, streams: t.io})
    t.input.write('first-passphrase\r')
    await new Promise((r) => setTimeout(r, 10))
    t.input.write('other-passphrase\r')
    await expect(p).rejects.toMatchObject({code: 'KEY_ERROR', message: 'the two passphrases do not match'})
    expect(t.shown()).toBe('New passphrase: \nRepeat it: \n')
  })

  it('without a TTY and without a source there is nothing to ask on: undefined, for one up-front error', async () => {
    const input = Object.assign(new PassThrough(), {isTTY: false})
    const output = Object.assign(new PassThrough(), {isTTY: false})
    await expect(readPassphrase('x', false, {env: {}, streams: {input, output} as unknown as PromptStreams})).resolves.toBeUndefined()
  })

  it('--passphrase-file: the first line of a file only its owner can read; a readable-by-others file is refused without showing it', async () => {
    const dir = tempDir()
    const f = path.join(dir, 'pass')
    writeFileSync(f, 'from-the-file-123\nignored\n', {mode: 0o600})
    await expect(readPassphrase('x', false, {file: f, env: {SCANVET_KEY_PASSPHRASE: 'from-env-456'}})).resolves.toBe('from-the-file-123')
    chmodSync(f, 0o644)
    const err = await readPassphraseFile(f).catch((e: Error) => e)
    expect(err).toMatchObject({code: 'KEY_ERROR', message: expect.stringMatching(/can be read by others/)})
    expect(String((err as Error).message)).not.toContain('from-the-file')
  })
})
