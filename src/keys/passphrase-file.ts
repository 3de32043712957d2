import {promises as fs} from 'node:fs'

import {ScanvetError} from '../errors.js'

/**
 * `--passphrase-file FILE`, for cron and CI: the first line of a file only its owner can read (as ssh insists
 * for keys). A file others can read, an empty one or a missing one is refused; the passphrase never appears in
 * the message.
 */
export const readPassphraseFile = async (file: string): Promise<string> => {
  let st
  try {
    st = await fs.stat(file)
  } catch (error) {
    throw new ScanvetError('KEY_ERROR', `cannot read the passphrase file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : ((error as NodeJS.ErrnoException).code ?? 'unreadable')}`)
  }
  if (!st.isFile()) throw new ScanvetError('KEY_ERROR', `the passphrase file ${file} is not a file`)
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
    throw new ScanvetError('KEY_ERROR', `the passphrase file ${file} can be read by others (mode ${(st.mode & 0o777).toString(8)})`, [`chmod 600 ${file}`])
  }
  if (st.size > 4096) throw new ScanvetError('KEY_ERROR', `the passphrase file ${file} is larger than 4 KiB: is it the right file?`)
  const first = (await fs.readFile(file, 'utf8')).split(/\r?\n/)[0] ?? ''
  if (first === '') throw new ScanvetError('KEY_ERROR', `the passphrase file ${file} is empty`)
  return first
}
