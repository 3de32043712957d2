import {createRequire} from 'node:module'
import type {Ajv, ErrorObject, ValidateFunction} from 'ajv'

import {SCHEMAS, type InputKind} from '../schemas/index.js'
import {AJV_OPTIONS} from './ajv-options.js'

const require = createRequire(import.meta.url)

/**
 * The validators compiled at build time (scripts/compile-schemas.js), when this runs from dist/. Loading them
 * costs a few milliseconds; compiling the schemas costs about 100.
 */
const precompiled = ((): Partial<Record<InputKind, ValidateFunction>> => {
  try {
    return require('./compiled-validators.cjs') as Partial<Record<InputKind, ValidateFunction>>
  } catch {
    return {}
  }
})()

let ajv: Ajv | undefined
const compiled = new Map<InputKind, ValidateFunction>()

/** Each schema's validator: precompiled when built, else compiled once on first use by one ajv instance. */
export const validatorFor = (kind: InputKind): ValidateFunction => {
  const hit = precompiled[kind] ?? compiled.get(kind)
  if (hit) return hit
  ajv ??= (() => {
    // CommonJS packages, loaded only when a schema has to be compiled here.
    const {Ajv: AjvClass} = require('ajv') as {Ajv: new (o: object) => Ajv}
    const addFormats = require('ajv-formats') as {default: (a: Ajv) => Ajv}
    const a = new AjvClass({...AJV_OPTIONS})
    addFormats.default(a)
    return a
  })()
  const fn = ajv.compile(SCHEMAS[kind] as object)
  compiled.set(kind, fn)
  return fn
}

export type AjvError = ErrorObject
