import {idString, text} from './common.js'

export const CONTROL_AREAS = [
  'risk-management',
  'agreements',
  'access',
  'audit',
  'integrity',
  'transmission',
  'at-rest',
  'retention',
  'deidentification',
  'training-use',
  'transfers',
  'breach',
  'assurance',
  'ai-governance',
] as const

export const frameworkSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scanvet.dev/schemas/framework.json',
  title: 'scanvet framework catalogue (checks/frameworks/<id>.yaml)',
  type: 'object',
  required: ['id', 'title', 'authority', 'controls'],
  additionalProperties: false,
  properties: {
    id: idString,
    title: text,
    authority: text,
    source: text,
    jurisdictions: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: {enum: ['US', 'EU']},
      description: 'Where the framework applies; a vendor is judged by the frameworks of its jurisdictions.',
    },
    controls: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'citation', 'title', 'requirement', 'type', 'area', 'evidence'],
        additionalProperties: false,
        properties: {
          id: idString,
          citation: text,
          title: text,
          requirement: text,
          type: {enum: ['standard', 'required', 'addressable', 'article', 'guidance']},
          area: {enum: [...CONTROL_AREAS]},
          guidance: {type: 'array', items: text},
          evidence: {
            type: 'object',
            additionalProperties: false,
            properties: {
              checks: {type: 'array', uniqueItems: true, items: idString},
              questions: {type: 'array', uniqueItems: true, items: idString},
            },
          },
          manual: {type: 'boolean'},
          readiness: {type: 'boolean', description: 'A proposal, not law: shown as readiness, never scored.'},
        },
      },
    },
  },
} as const
