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
        'Evidence files by question id. Either `path`, relative to the answers file (import copies the file into the vendor folder and records its SHA-256; a sha256 given here must match the file), or a document the HTML form attached: `name`, `size` in bytes, `sha256` and `content` in base64 (import checks the hash and size, stores the document and records path + sha256 instead).',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        oneOf: [
          {required: ['path'], not: {anyOf: [{required: ['content']}, {required: ['name']}, {required: ['size']}]}},
          {required: ['name', 'size', 'sha256', 'content'], not: {required: ['path']}},
        ],
        properties: {
          path: text,
          sha256: {type: 'string', pattern: '^[0-9a-f]{64}$'},
          name: text,
          size: {type: 'integer', minimum: 0},
          content: {type: 'string', pattern: '^[A-Za-z0-9+/=\\s]*$'},
        },
      },
    },
  },
} as const
