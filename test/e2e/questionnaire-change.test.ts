import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import type {AnswersFile} from '../../src/questionnaire/questionnaire-types.js'
import {runCli} from '../helpers/cli.js'
import {runCliWithInput} from '../helpers/cli-input.js'
import {MINI, makeWorkspace} from '../helpers/questionnaire-workspace.js'
import {tempDir} from '../helpers/tmp.js'

const Q = ['--questionnaire', MINI]

/** A workspace whose acme has answered five questions of the mini questionnaire (a draft, imported --partial). */
const answered = async (dir: string): Promise<{root: string; file: string}> => {
  const ws = await makeWorkspace(dir)
  const draft = path.join(ws.root, 'draft.yaml')
  writeFileSync(
    draft,
    ['questionnaire: mini', 'version: "2026.2"', 'vendor: acme', 'answers:', '  mini.hosting: cloud', '  mini.encrypted: yes', '  mini.algorithm: aes-128', '  mini.regions: [us]', '  mini.retention: P45D', ''].join('\n'),
  )
  const r = await runCli(['questionnaire', 'import', 'acme', 'draft.yaml', '--partial', ...Q], {cwd: ws.root})
  expect(r.code, r.stderr).toBe(0)
  return {root: ws.root, file: path.join(ws.root, 'vendors', 'acme', 'answers.yaml')}
}

const answersOf = (file: string): AnswersFile['answers'] => (parse(readFileSync(file, 'utf8')) as AnswersFile).answers
const noStack = /\s+at .+:\d+:\d+/

describe('questionnaire answer --question and --review: changing answers already given', () => {
  const dir = tempDir('scanvet-q-change-')

  it('--question changes one answer even if answered; an answer the change leaves unasked is removed and listed', async () => {
    const {root, file} = await answered(path.join(dir, 'one'))
    const r = await runCliWithInput(['questionnaire', 'answer', 'acme', '--question', 'mini.encrypted', ...Q], 'n\n', {cwd: root})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('Current answer: yes')
    expect(r.stdout).toContain('No longer asked, so its answer was removed: Which algorithm? [mini.algorithm]')
    expect(answersOf(file)).toEqual({'mini.hosting': 'cloud', 'mini.encrypted': false, 'mini.regions': ['us'], 'mini.retention': 'P45D'})
    // The file is still one import takes.
    expect((await runCli(['questionnaire', 'import', 'acme', file, '--partial', ...Q], {cwd: root})).code).toBe(0)
    // Enter keeps it; --json gives what changed.
    const keep = await runCliWithInput(['questionnaire', 'answer', 'acme', '--question', 'mini.hosting', '--json', ...Q], '\n', {cwd: root})
    expect(JSON.parse(keep.stdout)).toMatchObject({mode: 'question', changed: [], kept: 1, complete: true})
    const change = await runCliWithInput(['questionnaire', 'answer', 'acme', '--question', 'mini.regions', '--json', ...Q], 'eu, us\n', {cwd: root})
    expect(JSON.parse(change.stdout)).toMatchObject({changed: [{id: 'mini.regions', from: ['us'], to: ['us', 'eu']}], newlyAsked: ['mini.eu-basis']})
  })

  it('--question refuses a wrong value, an unknown id (did you mean) and a question not asked: exit 2, no stack, file untouched', async () => {
    const {root, file} = await answered(path.join(dir, 'refuse'))
    const before = readFileSync(file)
    const bad = await runCliWithInput(['questionnaire', 'answer', 'acme', '--question', 'mini.retention', ...Q], 'a month\n', {cwd: root})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^mini\.retention: .*; its answer is unchanged$/m)
    const typo = await runCliWithInput(['questionnaire', 'answer', 'acme', '--question', 'mini.retnetion', ...Q], 'P1D\n', {cwd: root})
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain("did you mean 'mini.retention'?")
    const unasked = await runCliWithInput(['questionnaire', 'answer', 'acme', '--question', 'mini.eu-basis', ...Q], 'sccs\n', {cwd: root})
    expect(unasked.code).toBe(2)
    expect(unasked.stderr).toContain('mini.eu-basis is not asked of acme with the answers given: it is asked when mini.regions includes eu or uk')
    for (const r of [bad, typo, unasked]) expect(r.stderr).not.toMatch(noStack)
    expect(readFileSync(file).equals(before)).toBe(true)
    // A refused value is asked again on a terminal or a pipe: the next line may put it right.
    const retry = await runCliWithInput(['questionnaire', 'answer', 'acme', '--question', 'mini.retention', ...Q], 'a month\nP30D\n', {cwd: root})
    expect(retry.code, retry.stderr).toBe(0)
    expect(answersOf(file)['mini.retention']).toBe('P30D')
  })

  it('--review walks through every answer: Enter keeps each (file byte for byte), a value replaces it', async () => {
    const {root, file} = await answered(path.join(dir, 'review'))
    const before = readFileSync(file)
    const same = await runCliWithInput(['questionnaire', 'answer', 'acme', '--review', '--json', ...Q], '\n\n\n\n\n', {cwd: root})
    expect(same.code, same.stderr).toBe(0)
    expect(JSON.parse(same.stdout)).toMatchObject({mode: 'review', changed: [], kept: 5, complete: true})
    expect(readFileSync(file).equals(before)).toBe(true)
    const r = await runCliWithInput(['questionnaire', 'answer', 'acme', '--review', ...Q], '\n\n1\n\nP7D\n', {cwd: root})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/\[1\/5\] Where is the service hosted\?[\s\S]*Current answer: cloud/)
    expect(r.stdout).toContain('2 answer(s) changed, 3 kept')
    expect(answersOf(file)).toMatchObject({'mini.algorithm': 'aes-256', 'mini.retention': 'P7D'})
  })

  it('--review with no answers yet, or with --question, is refused (exit 2)', async () => {
    const {root, file} = await answered(path.join(dir, 'none'))
    rmSync(file)
    const none = await runCliWithInput(['questionnaire', 'answer', 'acme', '--review', ...Q], '\n', {cwd: root})
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('Try: Answer them first: scanvet questionnaire answer acme')
    expect(existsSync(file)).toBe(false)
    const both = await runCliWithInput(['questionnaire', 'answer', 'acme', '--review', '--question', 'mini.hosting', ...Q], '\n', {cwd: root})
    expect(both.code).toBe(2)
    expect(both.stderr).not.toMatch(noStack)
  })
})
