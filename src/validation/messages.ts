import type {AjvError} from './ajv-instance.js'

/** Plain-words text for an ajv error, and the pointer it should be reported at. */
export const describeAjvError = (e: AjvError): {message: string; pointer: string; atKey: boolean} => {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'additionalProperties':
      return {
        message: `unknown field '${String(p.additionalProperty)}'`,
        pointer: `${e.instancePath}/${String(p.additionalProperty)}`,
        atKey: true,
      }
    case 'required':
      return {message: `missing required field '${String(p.missingProperty)}'`, pointer: e.instancePath, atKey: false}
    case 'enum':
      return {
        message: `must be one of: ${(p.allowedValues as unknown[]).map((v) => String(v)).join(', ')}`,
        pointer: e.instancePath,
        atKey: false,
      }
    case 'type':
      return {message: `must be ${String(p.type).replaceAll(',', ' or ')}`, pointer: e.instancePath, atKey: false}
    case 'pattern':
      return {message: `does not match the expected form ${String(p.pattern)}`, pointer: e.instancePath, atKey: false}
    case 'format':
      return {message: `must be a valid ${String(p.format)}`, pointer: e.instancePath, atKey: false}
    case 'const':
      return {message: `must be ${JSON.stringify(p.allowedValue)}`, pointer: e.instancePath, atKey: false}
    default:
      return {message: e.message ?? `fails ${e.keyword}`, pointer: e.instancePath, atKey: false}
  }
}

/**
 * oneOf/anyOf failures make ajv report every branch; the branch errors say more than the summary, and
 * errors from branches whose discriminating key is absent are noise. Keep the most specific ones.
 */
export const pruneAjvErrors = (errors: readonly AjvError[]): AjvError[] => {
  const hasDeeper = (e: AjvError) =>
    errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.instancePath !== e.instancePath)
  const kept = errors.filter((e) => {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') return !errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.keyword !== e.keyword && o.keyword !== 'if')
    // A branch of a condition oneOf that did not apply: required 'all' / 'any' / 'not' on a comparison, etc.
    if (e.schemaPath.includes('/oneOf/') && (e.keyword === 'required' || e.keyword === 'additionalProperties' || e.keyword === 'minProperties' || e.keyword === 'maxProperties')) {
      return !hasDeeper(e) && !errors.some((o) => o !== e && o.instancePath === e.instancePath && !o.schemaPath.includes('/oneOf/'))
    }
    return true
  })
  const seen = new Set<string>()
  return kept.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
