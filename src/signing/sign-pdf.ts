import {SignPdf} from '@signpdf/signpdf'

import {ScanvetError} from '../errors.js'
import {CmsSigner, type SigningKey, type TimestampClient} from './cms-signer.js'

export interface SignatureRecord {
  readonly signed: true
  readonly timestamped: boolean
}

/**
 * Fill the placeholder of a rendered PDF with a detached CMS signature over every byte but the /Contents
 * hole. The output ends right after %%EOF, so the byte range covers the whole file.
 */
export const signPdf = async (pdf: Buffer, key: SigningKey, tsa?: TimestampClient): Promise<{pdf: Buffer; record: SignatureRecord}> => {
  const signer = new CmsSigner(key, tsa)
  try {
    const out = await new SignPdf().sign(pdf, signer)
    return {pdf: out, record: {signed: true, timestamped: signer.timestamped}}
  } catch (error) {
    if (error instanceof ScanvetError) throw error
    throw new ScanvetError('SIGNATURE_ERROR', `could not sign the report: ${(error as Error).message}`)
  }
}
