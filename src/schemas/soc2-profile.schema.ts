import {CATEGORIES, OPINIONS, REPORT_TYPES} from '../probes/soc2/soc2-types.js'
import {text} from './common.js'

const date = {type: 'string', format: 'date'}

/**
 * Facts the practice states for a document (SOC 2 report, bridge letter) where scanvet cannot read them or
 * reads them wrongly. Reports label them "stated, not extracted". Other document kinds may state other keys.
 */
export const statedFactsSchema = {
  type: 'object',
  description: 'Facts the practice states for this document (labelled "stated", not extracted).',
  properties: {
    type: {enum: [...REPORT_TYPES]},
    periodStart: date,
    periodEnd: date,
    asOf: {...date, description: 'The date a Type I report describes.'},
    auditor: text,
    opinion: {enum: [...OPINIONS]},
    categories: {type: 'array', uniqueItems: true, items: {enum: [...CATEGORIES]}},
    system: text,
    coversService: {type: 'boolean', description: 'The practice has confirmed that the report covers the service it uses.'},
    subservice: {
      type: 'array',
      items: {type: 'object', required: ['name', 'method'], additionalProperties: false, properties: {name: text, method: {enum: ['carve-out', 'inclusive']}}},
    },
    cuecs: {type: 'array', items: text},
    exceptions: {
      type: 'array',
      items: {type: 'object', required: ['criteria', 'text'], additionalProperties: false, properties: {criteria: {type: 'array', items: text}, text}},
    },
    date: {...date, description: 'A bridge letter’s date.'},
    coversThrough: {...date, description: 'The last day a bridge letter speaks for.'},
  },
} as const

/** The vendor profile's `soc2:` block: where to find the vendor's public security pages. */
export const soc2ProfileSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    trustPage: {type: 'string', format: 'uri', pattern: '^https://', description: 'The vendor’s trust or security page (fetched, hashed and kept).'},
    securityTxt: {
      oneOf: [{type: 'string', format: 'uri', pattern: '^https://'}, {const: false}],
      description: 'Where the RFC 9116 security.txt is (default: /.well-known/security.txt of the api endpoint); false to skip.',
    },
  },
} as const
