// Writes dist/validation/compiled-validators.cjs after a build: every input schema compiled to plain JavaScript
// by ajv's standalone mode, so a command validates its input without compiling schemas at start-up (~100 ms).
// src/validation/ajv-instance.ts falls back to compiling when the file is absent (tests run from src/).
import {writeFileSync} from 'node:fs'
import {Ajv} from 'ajv'
import standaloneModule from 'ajv/dist/standalone/index.js'
import addFormatsModule from 'ajv-formats'

import {AJV_OPTIONS} from '../dist/validation/ajv-options.js'
import {SCHEMAS} from '../dist/schemas/index.js'

const standaloneCode = standaloneModule.default ?? standaloneModule
const addFormats = addFormatsModule.default ?? addFormatsModule
const ajv = new Ajv({...AJV_OPTIONS, code: {source: true}})
addFormats(ajv)
const names = {}
for (const [kind, schema] of Object.entries(SCHEMAS)) {
  ajv.addSchema({...schema, $id: `scanvet:${kind}`}, `scanvet:${kind}`)
  names[kind] = `scanvet:${kind}`
}
writeFileSync(new URL('../dist/validation/compiled-validators.cjs', import.meta.url), standaloneCode(ajv, names))
