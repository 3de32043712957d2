import {Ajv, type ErrorObject, type ValidateFunction} from 'ajv'
import * as addFormatsModule from 'ajv-formats'

import {SCHEMAS, type InputKind} from '../schemas/index.js'

// ajv-formats is CommonJS with a default export; under NodeNext its callable sits on .default.
const addFormats = addFormatsModule.default as unknown as (a: Ajv) => Ajv

let ajv: Ajv | undefined
const compiled = new Map<InputKind, ValidateFunction>()

/** One ajv instance for the process; each schema compiled once, on first use. */
export const validatorFor = (kind: InputKind): ValidateFunction => {
  const hit = compiled.get(kind)
  if (hit) return hit
  ajv ??= (() => {
    const a = new Ajv({allErrors: true, strict: false, allowUnionTypes: true})
    addFormats(a)
    return a
  })()
  const fn = ajv.compile(SCHEMAS[kind] as object)
  compiled.set(kind, fn)
  return fn
}

export type AjvError = ErrorObject
