import {copyFileSync, mkdirSync} from 'node:fs'
import path from 'node:path'

import type {AnswerValue, AnswersFile} from '../../src/questionnaire/questionnaire-types.js'
import {initWorkspace} from '../../src/workspace/init-workspace.js'
import {addVendor} from '../../src/workspace/vendors.js'
import {loadWorkspace} from '../../src/workspace/workspace.js'
import type {Workspace} from '../../src/workspace/workspace-types.js'
import {ROOT} from './cli.js'

export const MINI = path.join(ROOT, 'test', 'fixtures', 'questionnaires', 'mini.yaml')
export const FIXTURE_ANSWERS = path.join(ROOT, 'test', 'fixtures', 'answers')

/** A fresh workspace with one vendor, as `scanvet init` and `scanvet vendor add` make them. */
export const makeWorkspace = async (dir: string, vendorId = 'acme'): Promise<Workspace> => {
  mkdirSync(dir, {recursive: true})
  await initWorkspace({dir, organisation: 'Test Practice'})
  const ws = await loadWorkspace({cwd: dir, workspace: dir})
  await addVendor(ws, {id: vendorId, name: 'Acme Imaging AI', endpoints: [{url: 'https://api.acme.example', role: 'api'}]})
  return ws
}

const sheetValue = (v: AnswerValue): string =>
  v === true ? 'yes' : v === false ? 'no' : Array.isArray(v) ? `[${[...v].reverse().join(', ')}]` : typeof v === 'number' ? String(v) : JSON.stringify(v)

/**
 * Fill an exported answer sheet the way a vendor would in an editor: a value after each question's colon
 * (lists in a different order than the options, to exercise normalisation) and the respondent's details.
 */
export const fillSheet = (sheet: string, r: AnswersFile): string =>
  sheet
    .split('\n')
    .flatMap((line) => (line === 'evidence:' ? [line, ...Object.entries(r.evidence ?? {}).map(([id, e]) => `  ${id}: {path: ${JSON.stringify(e.path)}}`)] : [line]))
    .map((line) => {
      const m = /^ {2}([a-z0-9.-]+):$/.exec(line)
      if (!m) return line
      const id = m[1]!
      const who = r.respondent as Record<string, string | undefined> | undefined
      if (['name', 'role', 'email'].includes(id)) return who?.[id] ? `${line} ${JSON.stringify(who[id])}` : line
      const v = r.answers[id]
      return v === undefined ? line : `${line} ${sheetValue(v)}`
    })
    .join('\n')

/** The synthetic evidence files the test responses name, copied beside an answers file. */
export const copyEvidence = (dir: string): void => {
  for (const f of ['soc2.pdf', 'policy.pdf']) copyFileSync(path.join(FIXTURE_ANSWERS, f), path.join(dir, f))
}
