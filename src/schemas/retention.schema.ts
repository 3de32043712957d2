import {MODALITIES} from '../dicom/modalities.js'
import {authSchema} from './auth.schema.js'
import {text} from './common.js'

const isoDuration = {type: 'string', format: 'duration', description: 'ISO 8601 duration, e.g. P30D or PT10S.'}
const statusList = {type: 'array', minItems: 1, items: {type: 'integer', minimum: 100, maximum: 599}}
const urlTemplate = {type: 'string', pattern: '^https?://', description: 'URL template; {{name}} is replaced by a variable.'}

const step = {
  type: 'object',
  required: ['name', 'method', 'url'],
  additionalProperties: false,
  properties: {
    name: {type: 'string', pattern: '^[a-z][a-z0-9-]*$'},
    action: {enum: ['upload', 'poll', 'delete', 'check', 'request']},
    method: {enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']},
    url: urlTemplate,
    headers: {type: 'object', additionalProperties: {type: 'string'}, propertyNames: {pattern: '^[A-Za-z0-9-]+$'}},
    body: {
      oneOf: [
        {type: 'object', required: ['dicom'], additionalProperties: false, properties: {dicom: {enum: ['raw', 'multipart-related', 'form-data']}, field: text}},
        {type: 'object', required: ['json'], additionalProperties: false, properties: {json: {}}},
        {type: 'object', required: ['text'], additionalProperties: false, properties: {text: {type: 'string'}}},
      ],
    },
    expectStatus: statusList,
    extract: {type: 'object', additionalProperties: {type: 'string', minLength: 1}, propertyNames: {pattern: '^[A-Za-z][A-Za-z0-9_]*$'}},
    until: {
      type: 'object',
      required: ['path'],
      additionalProperties: false,
      properties: {path: text, equals: {}, in: {type: 'array'}},
    },
    intervalMs: {type: 'integer', minimum: 10, maximum: 600_000},
    maxAttempts: {type: 'integer', minimum: 1, maximum: 1000},
    goneStatus: statusList,
    emptyMeansGone: {type: 'boolean'},
  },
}

/** The `retention` block of a vendor profile: how to plant a canary study and how to check it is gone. */
export const retentionProfileSchema = {
  type: 'object',
  required: ['mode', 'window'],
  additionalProperties: false,
  description: 'The image-retention probe: a synthetic canary study uploaded, then checked after the window.',
  properties: {
    mode: {enum: ['dicomweb', 'http-flow']},
    modality: {enum: [...MODALITIES]},
    window: isoDuration,
    oneShot: {type: 'boolean'},
    waitAfterUpload: isoDuration,
    caBundle: {...text, description: 'PEM file of CAs to trust, relative to the vendor folder.'},
    timeoutMs: {type: 'integer', minimum: 100, maximum: 600_000},
    auth: authSchema,
    dicomweb: {
      type: 'object',
      required: ['url'],
      additionalProperties: false,
      properties: {url: {type: 'string', pattern: '^https?://'}, delete: {type: 'boolean'}, deleteUrl: urlTemplate},
    },
    flow: {
      type: 'object',
      required: ['plant', 'verify'],
      additionalProperties: false,
      properties: {plant: {type: 'array', minItems: 1, items: step}, verify: {type: 'array', minItems: 1, items: step}},
    },
  },
  allOf: [
    {if: {properties: {mode: {const: 'dicomweb'}}}, then: {required: ['dicomweb']}},
    {if: {properties: {mode: {const: 'http-flow'}}}, then: {required: ['flow']}},
  ],
} as const
