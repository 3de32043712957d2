/** What an RFC 9116 security.txt says, and what is wrong with it. */
export interface SecurityTxt {
  readonly contact: readonly string[]
  readonly expires?: string
  readonly expired?: boolean
  readonly encryption: readonly string[]
  readonly policy: readonly string[]
  readonly canonical: readonly string[]
  readonly preferredLanguages?: string
  readonly signed: boolean
  readonly problems: readonly string[]
}

/** Parse a security.txt (RFC 9116 §2.5): "Field: value" lines, comments with #, optionally inside an OpenPGP clearsign. */
export const parseSecurityTxt = (text: string, now: Date): SecurityTxt => {
  const signed = text.includes('-----BEGIN PGP SIGNED MESSAGE-----')
  const body = signed ? text.split('-----BEGIN PGP SIGNATURE-----')[0]!.split(/\r?\n\r?\n/).slice(1).join('\n\n') : text
  const fields = new Map<string, string[]>()
  const problems: string[] = []
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith('Hash:')) continue
    const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.+)$/.exec(line)
    if (!m) {
      problems.push(`unreadable line: ${line.slice(0, 60)}`)
      continue
    }
    const key = m[1]!.toLowerCase()
    fields.set(key, [...(fields.get(key) ?? []), m[2]!.trim()])
  }
  const contact = fields.get('contact') ?? []
  const expiresAll = fields.get('expires') ?? []
  if (contact.length === 0) problems.push('no Contact field (required)')
  if (expiresAll.length === 0) problems.push('no Expires field (required)')
  if (expiresAll.length > 1) problems.push('Expires appears more than once')
  const expiresAt = expiresAll[0] ? Date.parse(expiresAll[0]) : Number.NaN
  if (expiresAll[0] && Number.isNaN(expiresAt)) problems.push(`Expires is not a date: ${expiresAll[0]}`)
  const expired = Number.isNaN(expiresAt) ? undefined : expiresAt < now.getTime()
  if (expired) problems.push('the file has expired')
  for (const c of contact) if (!/^(?:mailto:|https:\/\/|tel:)/i.test(c)) problems.push(`Contact must be a mailto:, https:// or tel: URI: ${c}`)
  return {
    contact,
    ...(expiresAll[0] ? {expires: expiresAll[0]} : {}),
    ...(expired === undefined ? {} : {expired}),
    encryption: fields.get('encryption') ?? [],
    policy: fields.get('policy') ?? [],
    canonical: fields.get('canonical') ?? [],
    ...(fields.get('preferred-languages') ? {preferredLanguages: fields.get('preferred-languages')![0]!} : {}),
    signed,
    problems,
  }
}

/** Where security.txt lives for an endpoint URL. */
export const securityTxtUrl = (endpointUrl: string): string => new URL('/.well-known/security.txt', new URL(endpointUrl).origin).href
