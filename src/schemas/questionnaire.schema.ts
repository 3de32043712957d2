import {EVIDENCE_KINDS, SEVERITIES, idString, text} from './common.js'
import {conditionDefs} from './condition.js'
import {JURISDICTIONS} from './vendor.schema.js'

const jurisdictionList = {type: 'array', minItems: 1, uniqueItems: true, items: {enum: [...JURISDICTIONS]}}

export const QUESTION_TYPES = [
  'yes-no',
  'single-choice',
  'multi-choice',
  'text',
  'number',
  'date',
  'duration',
  'url',
  'evidence-file',
] as const

export const questionnaireSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scanvet.dev/schemas/questionnaire.json',
  title: 'scanvet questionnaire (questionnaires/*.yaml)',
  type: 'object',
  required: ['id', 'version', 'title', 'sections'],
  additionalProperties: false,
  $defs: {
    ...conditionDefs('question'),
    question: {
      type: 'object',
      required: ['id', 'text', 'type'],
      additionalProperties: false,
      properties: {
        id: idString,
        text,
        help: text,
        type: {enum: [...QUESTION_TYPES]},
        options: {
          type: 'array',
          minItems: 2,
          items: {
            type: 'object',
            required: ['value', 'label'],
            additionalProperties: false,
            properties: {value: idString, label: text},
          },
        },
        unit: text,
        required: {type: 'boolean'},
        when: {$ref: '#/$defs/condition'},
        jurisdictions: {...jurisdictionList, description: 'Asked only of vendors in one of these jurisdictions; absent: of every vendor.'},
        expect: {
          type: 'object',
          required: ['condition', 'severity'],
          additionalProperties: false,
          properties: {
            condition: {$ref: '#/$defs/condition'},
            severity: {enum: [...SEVERITIES]},
            warn: {$ref: '#/$defs/condition'},
            remediation: text,
            headline: {...text, description: 'What is wrong when the answer falls short, stated as a problem.'},
            basis: {enum: ['rule', 'practice-policy'], description: 'practice-policy: a threshold the practice chooses; never blocks on its own.'},
            bindingIn: {...jurisdictionList, description: 'Where a binding rule makes the same demand, so the severity stands.'},
            risk: {...idString, description: 'Root-cause key: findings sharing it are one risk in the summary.'},
          },
        },
        evidence: {type: 'array', uniqueItems: true, items: {enum: [...EVIDENCE_KINDS]}},
      },
      if: {properties: {type: {enum: ['single-choice', 'multi-choice']}}},
      then: {required: ['options']},
      else: {not: {required: ['options']}},
    },
  },
  properties: {
    id: idString,
    version: {type: 'string', pattern: '^[0-9]{4}\\.[0-9]+$'},
    title: text,
    description: text,
    sections: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'title', 'questions'],
        additionalProperties: false,
        properties: {
          id: idString,
          title: text,
          intro: text,
          questions: {type: 'array', minItems: 1, items: {$ref: '#/$defs/question'}},
        },
      },
    },
  },
} as const
