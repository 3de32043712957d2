import {idString, text} from './common.js'

export const PROVISION_STATUSES = ['in-force', 'proposed', 'draft', 'guidance', 'standard'] as const

export const provisionsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scanvet.dev/schemas/provisions.json',
  title: 'scanvet register of provisions (data/provisions/*.yaml)',
  type: 'object',
  required: ['id', 'instrument', 'provisions'],
  additionalProperties: false,
  properties: {
    id: idString,
    instrument: {...text, description: 'The law, proposal, guidance series or standard the provisions belong to.'},
    source: {...text, description: 'Where the text was read, and when.'},
    provisions: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'citation', 'title', 'status'],
        additionalProperties: false,
        properties: {
          id: idString,
          citation: {...text, description: 'The citation exactly as catalogues and checks write it.'},
          aliases: {type: 'array', items: text, description: 'Other spellings of the same citation.'},
          title: text,
          status: {
            enum: [...PROVISION_STATUSES],
            description: 'in-force: binding law now; proposed: a proposal (e.g. an NPRM); draft: a consultation draft; guidance: adopted guidance; standard: a technical standard.',
          },
          type: {enum: ['standard', 'required', 'addressable', 'article'], description: 'HIPAA: standard, or a Required / Addressable implementation specification.'},
          appliesFrom: {type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'In force but not yet applicable before this date: readiness until then.'},
          open: {type: 'boolean', description: 'Sub-sections are cited without being registered one by one (technical standards).'},
        },
      },
    },
  },
} as const
