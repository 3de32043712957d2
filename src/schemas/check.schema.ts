import {SEVERITIES, idString, text} from './common.js'
import {conditionDefs} from './condition.js'

export const PROBE_FAMILIES = ['tls', 'http', 'retention', 'soc2', 'deid'] as const

export const checkSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scanvet.dev/schemas/check.json',
  title: 'scanvet check (checks/<family>/<id>.yaml)',
  type: 'object',
  required: ['id', 'title', 'severity', 'probe', 'pass', 'messages', 'rationale', 'remediation', 'examples'],
  additionalProperties: false,
  $defs: conditionDefs('fact'),
  properties: {
    id: idString,
    title: text,
    headline: {...text, description: 'What is wrong when the check fails, stated as a problem ("The vendor still serves images after the promised deletion").'},
    risk: {...idString, description: 'Root-cause key: failures sharing it are one risk in the summary (default: the check id).'},
    severity: {enum: [...SEVERITIES]},
    probe: {enum: [...PROBE_FAMILIES], description: 'The probe family whose observations this check reads.'},
    applies: {$ref: '#/$defs/condition', description: 'When false the finding is not-applicable.'},
    pass: {$ref: '#/$defs/condition', description: 'Holds for a compliant observation.'},
    warn: {$ref: '#/$defs/condition', description: 'When pass fails and this holds, the finding is a warning.'},
    messages: {
      type: 'object',
      required: ['pass', 'fail'],
      additionalProperties: false,
      properties: {pass: text, fail: text, warn: text, 'not-applicable': text},
      description: 'Plain-words result; {{fact.path}} is replaced by the observed value.',
    },
    rationale: text,
    remediation: text,
    references: {type: 'array', items: text},
    examples: {
      type: 'object',
      required: ['pass', 'fail'],
      additionalProperties: false,
      description: 'Facts that must pass and facts that must fail; one test runs them all.',
      properties: {
        pass: {type: 'array', minItems: 1, items: {type: 'object'}},
        fail: {type: 'array', minItems: 1, items: {type: 'object'}},
        warn: {type: 'array', items: {type: 'object'}},
        'not-applicable': {type: 'array', items: {type: 'object'}},
      },
    },
  },
} as const
