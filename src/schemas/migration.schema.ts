import {idString, text} from './common.js'

const version = {type: 'string', pattern: '^[0-9]{4}\\.[0-9]+$'}

/**
 * questionnaires/migrations/<questionnaire-id>.yaml: how answers to one version carry over to the next.
 * Question ids are stable, so a step lists only what changed; an id not listed carries over when the newer
 * version still has it.
 */
export const migrationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scanvet.dev/schemas/migration.json',
  title: 'scanvet questionnaire migration map (questionnaires/migrations/<id>.yaml)',
  type: 'object',
  required: ['questionnaire', 'steps'],
  additionalProperties: false,
  properties: {
    questionnaire: idString,
    steps: {
      type: 'array',
      items: {
        type: 'object',
        required: ['from', 'to'],
        additionalProperties: false,
        properties: {
          from: version,
          to: version,
          renamed: {type: 'object', description: 'old question id → new question id', additionalProperties: idString},
          values: {
            type: 'object',
            description: 'question id (new) → {old option value: new option value}',
            additionalProperties: {type: 'object', additionalProperties: idString},
          },
          removed: {type: 'object', description: 'old question id → why it has no successor (shown to the user)', additionalProperties: text},
        },
      },
    },
  },
} as const
