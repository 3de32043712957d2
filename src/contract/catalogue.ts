import {readFileSync} from 'node:fs'

import {Ajv} from 'ajv'

import {InvalidInputError} from '../errors.js'
import {packagePath} from '../paths.js'
import {parseYaml} from '../validation/validate-document.js'
import {nodeAt, positionOf} from '../validation/locate.js'

export const AGREEMENT_KINDS = ['baa', 'dpa'] as const
export type AgreementKind = (typeof AGREEMENT_KINDS)[number]

export interface ContractElement {
  readonly id: string
  readonly provision: string
  readonly title: string
  readonly meaning: string
  /** Every pattern must match a sentence for the sentence to be about this element. */
  readonly topic: readonly string[]
  readonly contrary?: readonly string[]
  readonly requires?: {readonly pattern: string; readonly otherwise: 'unclear' | 'contrary'; readonly why: string}
  readonly deadline?: {readonly maxDays?: number; readonly maxHours?: number; readonly promptWords: string}
  /** A prohibition element: a sentence granting the permission is contrary; no such sentence is present. */
  readonly prohibition?: {readonly allowedIf: string; readonly forbiddenIf: string}
  readonly subprocessor?: boolean
  readonly transfer?: boolean
  readonly severity: 'critical' | 'high' | 'medium' | 'low'
  readonly remedy: string
}

export interface ContractCatalogue {
  readonly kind: AgreementKind
  readonly title: string
  readonly elements: readonly ContractElement[]
}

/** The catalogue's own JSON Schema: a new element is a YAML entry, never TypeScript. */
export const contractCatalogueSchema = {
  type: 'object',
  required: ['kind', 'title', 'elements'],
  additionalProperties: false,
  properties: {
    kind: {enum: [...AGREEMENT_KINDS]},
    title: {type: 'string', minLength: 1},
    elements: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'provision', 'title', 'meaning', 'topic', 'severity', 'remedy'],
        additionalProperties: false,
        properties: {
          id: {type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$'},
          provision: {type: 'string', minLength: 1},
          title: {type: 'string', minLength: 1},
          meaning: {type: 'string', minLength: 1},
          topic: {type: 'array', minItems: 1, items: {type: 'string', minLength: 1}},
          contrary: {type: 'array', items: {type: 'string', minLength: 1}},
          requires: {type: 'object', required: ['pattern', 'otherwise', 'why'], additionalProperties: false, properties: {pattern: {type: 'string'}, otherwise: {enum: ['unclear', 'contrary']}, why: {type: 'string'}}},
          deadline: {type: 'object', required: ['promptWords'], additionalProperties: false, properties: {maxDays: {type: 'number'}, maxHours: {type: 'number'}, promptWords: {type: 'string'}}},
          prohibition: {type: 'object', required: ['allowedIf', 'forbiddenIf'], additionalProperties: false, properties: {allowedIf: {type: 'string'}, forbiddenIf: {type: 'string'}}},
          subprocessor: {type: 'boolean'},
          transfer: {type: 'boolean'},
          severity: {enum: ['critical', 'high', 'medium', 'low']},
          remedy: {type: 'string', minLength: 1},
        },
      },
    },
  },
} as const

const validate = new Ajv({allErrors: true}).compile(contractCatalogueSchema)

/** Parse and validate a catalogue's text; a bad one is refused at file:line:col, and every pattern must compile. */
export const parseCatalogue = (text: string, file: string): ContractCatalogue => {
  const {doc, lineCounter, problems} = parseYaml(text, file)
  if (problems.length > 0) throw new InvalidInputError(problems)
  const data = doc.toJS() as unknown
  if (!validate(data)) {
    throw new InvalidInputError(
      (validate.errors ?? []).map((e) => {
        const {line, col} = positionOf(nodeAt(doc, e.instancePath, false), lineCounter)
        return {file, line, col, message: `${e.instancePath || 'catalogue'} ${e.message ?? 'is invalid'}`, pointer: e.instancePath}
      }),
    )
  }
  const cat = data as unknown as ContractCatalogue
  cat.elements.forEach((el, i) => {
    for (const p of [...el.topic, ...(el.contrary ?? []), el.requires?.pattern, el.prohibition?.allowedIf, el.prohibition?.forbiddenIf]) {
      if (p === undefined) continue
      try {
        new RegExp(p, 'i')
      } catch (error) {
        const {line, col} = positionOf(nodeAt(doc, `/elements/${i}`, false), lineCounter)
        throw new InvalidInputError([{file, line, col, message: `element ${el.id}: pattern ${p} is not a valid regular expression (${(error as Error).message})`, pointer: `/elements/${i}`}])
      }
    }
  })
  return cat
}

const cache = new Map<AgreementKind, ContractCatalogue>()

/** The bundled catalogue of one agreement kind (data/contract-elements/<kind>.yaml). */
export const loadCatalogue = (kind: AgreementKind): ContractCatalogue => {
  const hit = cache.get(kind)
  if (hit) return hit
  const file = packagePath('data', 'contract-elements', `${kind}.yaml`)
  const cat = parseCatalogue(readFileSync(file, 'utf8'), file)
  cache.set(kind, cat)
  return cat
}
