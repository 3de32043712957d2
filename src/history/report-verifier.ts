import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {certFileOf, keyFileOf} from '../keys/key-store.js'
import {verifyReport} from '../verify/verify-report.js'
import type {Workspace} from '../workspace/workspace-types.js'
import {UNSIGNED, type ReportVerifier} from './verify-history.js'

/** Whether the round's own record says its report was signed (a report with no key is legitimately unsigned). */
const recordedAsSigned = async (pdfPath: string): Promise<boolean> => {
  try {
    const a = JSON.parse(await fs.readFile(path.join(path.dirname(pdfPath), 'assessment.json'), 'utf8')) as {signature?: {status?: string}}
    return a.signature?.status === 'signed'
  } catch {
    return true
  }
}

/**
 * The verifier `scanvet history` uses: every report's signature must hold (whole file, digest, value, the attached
 * assessment.json), and when the workspace has its signing certificate, the report must be signed by it — a
 * round signed by another key is named, as after a key change it should be.
 */
export const workspaceReportVerifier =
  (ws: Workspace): ReportVerifier =>
  async (pdfPath) => {
    const cert = certFileOf(keyFileOf(ws))
    const signed = await recordedAsSigned(pdfPath)
    if (!existsSync(cert)) {
      return signed
        ? {ok: false, unsigned: true, reason: `signed, but this workspace has no certificate (${path.relative(ws.root, cert)}) to check it against`}
        : {ok: false, unsigned: true, reason: UNSIGNED}
    }
    const r = await verifyReport({file: pdfPath, trust: [cert]})
    if (r.ok) return {ok: true}
    const noSignature = r.checks.some((c) => c.id === 'signature-present' && !c.ok && c.detail === 'the file has no signature')
    if (noSignature && !signed) return {ok: false, unsigned: true, reason: UNSIGNED}
    return {ok: false, reason: r.checks.filter((c) => !c.ok).map((c) => `${c.id}: ${c.detail}`).join('; ')}
  }
