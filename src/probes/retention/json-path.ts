/** The value at a dotted path (`data.items.0.id`) in parsed JSON, or undefined. */
export const atPath = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => {
    if (Array.isArray(v)) return /^\d+$/.test(k) ? v[Number(k)] : undefined
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined
  }, value)

export type JsonParse = {readonly ok: true; readonly value: unknown} | {readonly ok: false; readonly reason: string}

export const parseJson = (body: Buffer, contentType: string | undefined): JsonParse => {
  if (body.length === 0) return {ok: false, reason: 'the answer is empty, not JSON'}
  try {
    return {ok: true, value: JSON.parse(body.toString('utf8'))}
  } catch {
    return {ok: false, reason: `the answer is not JSON (${body.length} bytes${contentType ? ` of ${contentType.split(';')[0]}` : ''})`}
  }
}

/** {{name}} → variable; in URLs the value is percent-encoded. Unknown names are reported, never left in. */
export const renderTemplate = (
  template: string,
  vars: Readonly<Record<string, string>>,
  encode: boolean,
): {readonly ok: true; readonly text: string} | {readonly ok: false; readonly missing: string} => {
  let missing: string | undefined
  const text = template.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => {
    const v = vars[name]
    if (v === undefined) {
      missing ??= name
      return ''
    }
    return encode ? encodeURIComponent(v) : v
  })
  return missing === undefined ? {ok: true, text} : {ok: false, missing}
}

/** Render templates inside a JSON body (strings only). */
export const renderJson = (value: unknown, vars: Readonly<Record<string, string>>): {ok: true; value: unknown} | {ok: false; missing: string} => {
  if (typeof value === 'string') {
    const r = renderTemplate(value, vars, false)
    return r.ok ? {ok: true, value: r.text} : r
  }
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (const v of value) {
      const r = renderJson(v, vars)
      if (!r.ok) return r
      out.push(r.value)
    }
    return {ok: true, value: out}
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      const r = renderJson(v, vars)
      if (!r.ok) return r
      out[k] = r.value
    }
    return {ok: true, value: out}
  }
  return {ok: true, value}
}
