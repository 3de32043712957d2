import type {Observation} from '../model/observation.js'

interface HeldFile {
  readonly file: string
  readonly bytes: Uint8Array
}

const SAFE_NAME = /^[a-z0-9][a-z0-9._-]{0,120}$/

/**
 * Probes hand over the documents they read as `facts.evidenceFiles` ({file, sha256, bytes}). The bytes go to
 * the round's evidence/ folder, never into assessment.json, which keeps only the names and hashes.
 */
export const detachEvidenceFiles = (observations: readonly Observation[]): {observations: Observation[]; files: Record<string, Uint8Array>} => {
  const files: Record<string, Uint8Array> = {}
  const stripped = observations.map((o): Observation => {
    if (o.status === 'not-applicable' || !o.facts || !Array.isArray(o.facts.evidenceFiles)) return o
    for (const f of o.facts.evidenceFiles as HeldFile[]) if (SAFE_NAME.test(f.file)) files[`evidence/${f.file}`] = f.bytes
    const {evidenceFiles: _held, ...facts} = o.facts
    return {...o, facts} as Observation
  })
  return {observations: stripped, files}
}
