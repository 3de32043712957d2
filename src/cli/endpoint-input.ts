import {ScanvetError} from '../errors.js'
import {ENDPOINT_ROLES} from '../schemas/vendor.schema.js'
import type {EndpointRole} from '../workspace/workspace-types.js'
import {canonicalOption} from '../util/canonical-option.js'
import {closest} from '../util/did-you-mean.js'

const SCHEMES = ['https:', 'tls:', 'dicom-tls:']

/**
 * `--endpoint [ROLE=]URL`, checked where the user typed it: a bad value is answered in terms of the flag, not
 * with a schema pattern and a line of a vendor.yaml that was never written. Plain `http://` is refused: scanvet
 * audits what a vendor serves over TLS, and the redirect from http:// is checked on its own.
 */
export const parseEndpointFlag = (value: string): {role: EndpointRole; url: string} => {
  const m = /^([a-z][a-z-]*)=(.+)$/i.exec(value)
  let role: EndpointRole = 'api'
  let url = value
  if (m) {
    // Case-insensitive like every option value (`API=…` is `api=…`).
    const typed = canonicalOption(ENDPOINT_ROLES, m[1]!)
    if (!(ENDPOINT_ROLES as readonly string[]).includes(typed)) {
      const near = closest(m[1]!, ENDPOINT_ROLES)
      throw new ScanvetError('INVALID_INPUT', `--endpoint ${value}: "${m[1]}" is not an endpoint role (roles: ${ENDPOINT_ROLES.join(', ')})`, near ? [`--endpoint ${near}=${m[2]}`] : [])
    }
    role = typed as EndpointRole
    url = m[2]!
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ScanvetError('INVALID_INPUT', `--endpoint ${value}: not a URL`, [`--endpoint https://${url.replace(/^\/+/, '')}`])
  }
  if (parsed.protocol === 'http:') {
    throw new ScanvetError(
      'INVALID_INPUT',
      `--endpoint ${value}: plain HTTP is not audited (images and answers must travel over TLS); give the vendor's https:// address, and scanvet checks that http:// redirects to it`,
      [`--endpoint ${m ? `${role}=` : ''}https://${url.slice('http://'.length)}`],
    )
  }
  if (!SCHEMES.includes(parsed.protocol)) {
    throw new ScanvetError('INVALID_INPUT', `--endpoint ${value}: scanvet probes https://, tls:// and dicom-tls:// endpoints, not ${parsed.protocol}//`)
  }
  return {role, url}
}
