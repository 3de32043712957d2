import {promises as fs} from 'node:fs'

import {sha256Hex} from '../workspace/history.js'

export type AttachmentCheck =
  | {readonly status: 'matches'}
  | {readonly status: 'differs'; readonly reason: string}
  | {readonly status: 'missing'; readonly reason: string}

/**
 * Every report carries its assessment.json as an attachment (render-pdf.ts). Comparing the two catches an
 * assessment.json edited on its own, which the hash chain cannot see for the latest round (nothing links to
 * it yet). Editing both is caught by the report's signature, not here.
 */
export const checkReportAttachment = async (pdfPath: string, assessmentSha256: string): Promise<AttachmentCheck> => {
  let data: Uint8Array
  try {
    data = new Uint8Array(await fs.readFile(pdfPath))
  } catch {
    return {status: 'missing', reason: 'report.pdf is missing'}
  }
  // Imported here: pdfjs is heavy and only `history` needs it.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  try {
    const doc = await pdfjs.getDocument({data, useSystemFonts: false, isEvalSupported: false, verbosity: 0} as never).promise
    try {
      const attachments = ((await doc.getAttachments()) ?? {}) as Record<string, {filename?: string; content?: Uint8Array}>
      const attached = Object.values(attachments).find((a) => a.filename === 'assessment.json')?.content
      if (!attached) return {status: 'missing', reason: 'report.pdf has no attached assessment.json'}
      const sha = sha256Hex(attached)
      return sha === assessmentSha256
        ? {status: 'matches'}
        : {status: 'differs', reason: 'assessment.json differs from the copy attached to report.pdf: one of them was changed after the round was written'}
    } finally {
      await doc.destroy()
    }
  } catch (error) {
    return {status: 'missing', reason: `report.pdf cannot be read (${(error as Error).message})`}
  }
}
