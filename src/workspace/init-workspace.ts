import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {ScanvetError} from '../errors.js'
import {packagePath} from '../paths.js'
import {SCHEMAS, INPUT_KINDS} from '../schemas/index.js'
import {parseOrThrow} from '../validation/validate-document.js'
import {readYamlDocument} from '../yaml/read-yaml.js'
import {writeFileAtomic} from './atomic-write.js'
import {WORKSPACE_FILE} from './workspace.js'

export interface InitOptions {
  readonly dir: string
  readonly organisation: string
  readonly assessor?: string
  readonly frameworks?: readonly string[]
}

export interface InitResult {
  readonly root: string
  readonly files: string[]
}

/** Lay out a new workspace: scanvet.yaml, vendors/, a .gitignore for key material, schemas for editors. */
export const initWorkspace = async (opts: InitOptions): Promise<InitResult> => {
  const root = path.resolve(opts.dir)
  const configFile = path.join(root, WORKSPACE_FILE)
  if (existsSync(configFile)) {
    throw new ScanvetError('WORKSPACE_EXISTS', `${configFile} already exists`, ['Edit it, or choose another directory.'])
  }
  const doc = readYamlDocument(await fs.readFile(packagePath('templates', 'scanvet.yaml')), 'templates/scanvet.yaml', 'template')
  doc.set('organisation', opts.organisation)
  if (opts.assessor) doc.set('assessor', opts.assessor)
  else doc.delete('assessor')
  if (opts.frameworks) doc.set('frameworks', doc.createNode([...opts.frameworks], {flow: true}))
  const text = doc.toString({lineWidth: 0})
  parseOrThrow('workspace', text, configFile)

  const files: string[] = []
  await fs.mkdir(path.join(root, 'vendors'), {recursive: true})
  await writeFileAtomic(configFile, text)
  files.push(configFile)
  const gitignore = path.join(root, '.gitignore')
  if (!existsSync(gitignore)) {
    await writeFileAtomic(gitignore, await fs.readFile(packagePath('templates', 'workspace.gitignore'), 'utf8'))
    files.push(gitignore)
  }
  for (const kind of INPUT_KINDS) {
    const file = path.join(root, '.schemas', `${kind}.json`)
    await writeFileAtomic(file, `${JSON.stringify(SCHEMAS[kind], null, 2)}\n`)
  }
  files.push(path.join(root, '.schemas'))
  return {root, files}
}
