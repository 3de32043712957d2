import {execFileSync} from 'node:child_process'
import {copyFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {ROOT} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

describe("the workspace's .gitignore", () => {
  it('keeps vendor CA bundles and drops key material', () => {
    const dir = tempDir()
    execFileSync('git', ['init', '-q', dir])
    copyFileSync(path.join(ROOT, 'templates', 'workspace.gitignore'), path.join(dir, '.gitignore'))
    const ignored = (f: string): boolean => {
      try {
        execFileSync('git', ['-C', dir, 'check-ignore', '-q', '--no-index', f])
        return true
      } catch {
        return false
      }
    }
    expect(ignored('vendors/acme/ca-bundle.pem')).toBe(false)
    expect(ignored('vendors/acme/vendor.yaml')).toBe(false)
    expect(ignored('keys/signing.p12')).toBe(true)
    expect(ignored('keys/signing.crt')).toBe(true)
    expect(ignored('vendors/acme/client-key.pem')).toBe(true)
    expect(ignored('stray.pem')).toBe(true)
    expect(ignored('.env')).toBe(true)
  })
})
