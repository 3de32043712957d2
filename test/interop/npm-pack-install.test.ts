import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {DECISIONS} from '../../src/controls/verdict.js'
import {describe, expect, it} from 'vitest'

import {ROOT} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

/**
 * The packed artefact on its own: `npm pack`, then an install of the tarball into an empty directory with npm
 * offline (from the npm cache `npm ci` filled), then `scanvet demo` from another empty directory. Offline
 * because a test must not reach the registry; the lock for the install is the repository's, re-rooted under the
 * tarball, so the tree is exactly the one the tests ran on. `npm install -g ./scanvet-*.tgz` does the same
 * resolution online.
 */
describe('npm pack and install', () => {
  it('packs without dev dependencies or sources, installs offline and runs the demo', async () => {
    const dir = tempDir()
    const packDir = path.join(dir, 'pack')
    mkdirSync(packDir)
    execFileSync('npm', ['pack', '--pack-destination', packDir, '--silent'], {cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe']})
    const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'))!
    const listing = execFileSync('tar', ['tzf', path.join(packDir, tgz)], {encoding: 'utf8'}).split('\n')
    expect(listing).toContain('package/dist/commands/demo.js')
    expect(listing).toContain('package/oclif.manifest.json')
    expect(listing.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toBe(false)

    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'))
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
    const app = path.join(dir, 'app')
    mkdirSync(app)
    const dep = {scanvet: `file:../pack/${tgz}`}
    const packages: Record<string, unknown> = {'': {name: 'app', dependencies: dep}}
    packages['node_modules/scanvet'] = {version: pkg.version, resolved: `file:../pack/${tgz}`, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines}
    for (const [key, entry] of Object.entries(lock.packages as Record<string, {dev?: boolean}>)) if (key !== '' && !entry.dev) packages[key] = entry
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({name: 'app', private: true, dependencies: dep}))
    writeFileSync(path.join(app, 'package-lock.json'), JSON.stringify({name: 'app', lockfileVersion: 3, requires: true, packages}))
    execFileSync('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--omit=dev', '--ignore-scripts'], {cwd: app, stdio: ['ignore', 'pipe', 'pipe']})
    // No dev dependency came along: the run below works without typescript, vitest or the Node binaries.
    expect(readdirSync(path.join(app, 'node_modules'))).not.toContain('vitest')

    const empty = path.join(dir, 'empty')
    mkdirSync(empty)
    const bin = path.join(app, 'node_modules', '.bin', 'scanvet')
    const version = execFileSync(bin, ['version'], {cwd: empty, encoding: 'utf8'})
    expect(version).toMatch(new RegExp(`^scanvet/${pkg.version.replaceAll('.', '\\.')} `))
    const out = JSON.parse(execFileSync(bin, ['demo', '--json'], {cwd: empty, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, timeout: 120_000}))
    expect(DECISIONS).toContain(out.decision)
    expect(existsSync(out.report)).toBe(true)
  })
})
