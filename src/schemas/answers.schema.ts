import {idString, text} from './common.js'

export const answersSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scanvet.dev/schemas/answers.json',
  title: 'scanvet answers file (vendors/<id>/answers.yaml)',
  type: 'object',
  required: ['questionnaire', 'version', 'answers'],
  additionalProperties: false,
  properties: {
    questionnaire: idString,
    version: {type: 'string', pattern: '^[0-9]{4}\\.[0-9]+$'},
    vendor: idString,
    respondent: {
      type: 'object',
      additionalProperties: false,
      properties: {name: text, role: text, email: {type: 'string', format: 'email'}},
    },
    answers: {
      type: 'object',
      propertyNames: {pattern: '^[a-z0-9]+(?:[.-][a-z0-9]+)*$'},
      additionalProperties: {
        anyOf: [
          {type: ['boolean', 'number', 'string', 'null']},
          {type: 'array', items: {type: 'string'}},
        ],
      },
    },
    comments: {type: 'object', additionalProperties: {type: 'string'}},
    evidence: {
      type: 'object',
      description:
        'Evidence files by question id. `path` is relative to the answers file; import copies the file into the vendor folder and records its SHA-256 (a sha256 given here must match the file).',
      additionalProperties: {
        type: 'object',
        required: ['path'],
        additionalProperties: false,
        properties: {path: text, sha256: {type: 'string', pattern: '^[0-9a-f]{64}$'}},
      },
    },
  },
} as const
