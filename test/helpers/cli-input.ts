import {spawn} from 'node:child_process'

import {BIN, ROOT, type CliResult} from './cli.js'

/** Run the built CLI with its standard input a pipe fed `input`, then closed (end of input). */
export const runCliWithInput = (args: readonly string[], input: string, opts: {cwd?: string; timeoutMs?: number} = {}): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {cwd: opts.cwd ?? ROOT, env: {...process.env, NO_COLOR: '1'}, stdio: ['pipe', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`scanvet ${args.join(' ')} did not finish within ${opts.timeoutMs ?? 60_000} ms`))
    }, opts.timeoutMs ?? 60_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code: code ?? -1, stdout, stderr})
    })
    child.stdin.end(input)
  })
