import {randomBytes} from 'node:crypto'

export interface EncodedBody {
  readonly contentType: string
  readonly body: Uint8Array
}

const CRLF = '\r\n'

/** multipart/related; type="application/dicom" (PS3.18 STOW-RS): one part per instance. */
export const multipartRelated = (files: readonly Uint8Array[]): EncodedBody => {
  const boundary = `scanvet-${randomBytes(12).toString('hex')}`
  const parts: Buffer[] = []
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}${CRLF}Content-Type: application/dicom${CRLF}${CRLF}`), Buffer.from(f), Buffer.from(CRLF))
  }
  parts.push(Buffer.from(`--${boundary}--${CRLF}`))
  return {contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`, body: Buffer.concat(parts)}
}

/** multipart/form-data with one file field per instance, as REST upload APIs commonly take it. */
export const formData = (files: readonly Uint8Array[], field: string): EncodedBody => {
  const boundary = `scanvet-${randomBytes(12).toString('hex')}`
  const parts: Buffer[] = []
  files.forEach((f, i) => {
    parts.push(
      Buffer.from(
        `--${boundary}${CRLF}Content-Disposition: form-data; name="${field.replaceAll('"', '')}"; filename="canary-${i + 1}.dcm"${CRLF}Content-Type: application/dicom${CRLF}${CRLF}`,
      ),
      Buffer.from(f),
      Buffer.from(CRLF),
    )
  })
  parts.push(Buffer.from(`--${boundary}--${CRLF}`))
  return {contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts)}
}

/** Split a multipart body into its parts' bodies (used by the demo vendor and the tests). */
export const splitMultipart = (body: Buffer, contentType: string): Buffer[] => {
  const m = /boundary="?([^";]+)"?/i.exec(contentType)
  if (!m) return []
  const delimiter = Buffer.from(`--${m[1]}`)
  const out: Buffer[] = []
  let pos = body.indexOf(delimiter)
  while (pos !== -1) {
    const start = pos + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    const next = body.indexOf(delimiter, start)
    if (next === -1) break
    const part = body.subarray(start, next)
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd !== -1) {
      let content = part.subarray(headerEnd + 4)
      if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2)
      out.push(content)
    }
    pos = next
  }
  return out
}
