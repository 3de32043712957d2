import {promises as fs} from 'node:fs'
import path from 'node:path'

import type {Assessment} from '../assessment/assessment-types.js'
import {ScanvetError} from '../errors.js'
import {assessmentsDir, listRounds, sha256Hex} from '../workspace/history.js'

/** One round as it is on disk: its bytes' hash always, its parsed record when the JSON is readable. */
export type StoredRound =
  | {readonly status: 'readable'; readonly id: string; readonly dir: string; readonly sha256: string; readonly assessment: Assessment}
  | {readonly status: 'unreadable'; readonly id: string; readonly dir: string; readonly sha256: string; readonly reason: string}

export const readRound = async (vendorDir: string, id: string): Promise<StoredRound> => {
  const dir = path.join(assessmentsDir(vendorDir), id)
  const bytes = await fs.readFile(path.join(dir, 'assessment.json'))
  const sha256 = sha256Hex(bytes)
  try {
    const assessment = JSON.parse(bytes.toString('utf8')) as Assessment
    if (typeof assessment !== 'object' || assessment === null || typeof assessment.assessedAt !== 'string') {
      return {status: 'unreadable', id, dir, sha256, reason: 'assessment.json is not an assessment record'}
    }
    return {status: 'readable', id, dir, sha256, assessment}
  } catch {
    return {status: 'unreadable', id, dir, sha256, reason: 'assessment.json is not valid JSON'}
  }
}

/** Every completed round of a vendor, oldest first. */
export const readRounds = async (vendorDir: string): Promise<StoredRound[]> =>
  Promise.all((await listRounds(vendorDir)).map((id) => readRound(vendorDir, id)))

/** The parsed assessment of one round, or a located error naming the rounds there are. */
export const loadAssessment = async (vendorDir: string, vendorId: string, id: string): Promise<Assessment> => {
  const rounds = await listRounds(vendorDir)
  if (!rounds.includes(id)) {
    throw new ScanvetError('NOT_FOUND', `vendor '${vendorId}' has no assessment '${id}'`, [
      rounds.length > 0 ? `Its assessments: ${rounds.join(', ')}` : `Assess it first: scanvet assess ${vendorId}`,
    ])
  }
  const r = await readRound(vendorDir, id)
  if (r.status === 'unreadable') throw new ScanvetError('INVALID_INPUT', `${path.join(r.dir, 'assessment.json')}: ${r.reason}`, [`Check the history: scanvet history ${vendorId}`])
  return r.assessment
}
