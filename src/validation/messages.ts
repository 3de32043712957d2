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
    case 'maxProperties':
    case 'minProperties':
      return {message: 'a comparison takes one subject and exactly one operator, e.g. {question: ID, equals: VALUE}', pointer: e.instancePath, atKey: false}
    case 'const':
      return {message: `must be ${JSON.stringify(p.allowedValue)}`, pointer: e.instancePath, atKey: false}
    default:
      return {message: e.message ?? `fails ${e.keyword}`, pointer: e.instancePath, atKey: false}
  }
}

/**
 * oneOf/anyOf failures make ajv report every branch. Keep only the branch that came closest (fewest errors):
 * for `{question: x, equals: 1, in: [2]}` that is the comparison branch saying "one operator only", not four
 * branches' worth of "must have property 'all'". Innermost alternatives are resolved first.
 */
export const pruneAjvErrors = (errors: readonly AjvError[]): AjvError[] => {
  let rest = [...errors]
  const summaries = rest
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => b.instancePath.length - a.instancePath.length)
  for (const summary of summaries) {
    const prefix = `${summary.schemaPath}/`
    const inBranch = (e: AjvError) => e !== summary && e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(summary.instancePath)
    const branches = new Map<string, AjvError[]>()
    for (const e of rest.filter(inBranch)) {
      const idx = e.schemaPath.slice(prefix.length).split('/')[0]!
      branches.set(idx, [...(branches.get(idx) ?? []), e])
    }
    if (branches.size === 0) continue
    const best = [...branches.values()].sort((a, b) => a.length - b.length)[0]!
    rest = rest.filter((e) => e !== summary && (!inBranch(e) || best.includes(e)))
  }
  // "must match then schema" only repeats what the errors inside the branch say.
  if (rest.some((e) => e.keyword !== 'if')) rest = rest.filter((e) => e.keyword !== 'if')
  const seen = new Set<string>()
  return rest.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
