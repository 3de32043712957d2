/**
 * The condition language shared by questionnaires (`when`, `expect`) and checks (`applies`, `pass`, `warn`).
 * A structured expression, never code: all / any / not, or one comparison on one subject.
 * Questionnaires name their subject with `question`, checks with `fact`.
 */
export type SubjectKey = 'question' | 'fact'

export const COMPARISON_OPS = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'contains',
  'containsAny',
  'gt',
  'gte',
  'lt',
  'lte',
  'answered',
  'exists',
  'isEmpty',
  'matches',
] as const
export type ComparisonOp = (typeof COMPARISON_OPS)[number]

const scalar = {type: ['string', 'number', 'boolean', 'null']}

const opSchemas: Record<ComparisonOp, object> = {
  equals: {},
  notEquals: {},
  in: {type: 'array', items: scalar},
  notIn: {type: 'array', items: scalar},
  contains: scalar,
  containsAny: {type: 'array', items: scalar},
  gt: {type: ['number', 'string']},
  gte: {type: ['number', 'string']},
  lt: {type: ['number', 'string']},
  lte: {type: ['number', 'string']},
  answered: {type: 'boolean'},
  exists: {type: 'boolean'},
  isEmpty: {type: 'boolean'},
  matches: {type: 'string', minLength: 1},
}

/** JSON Schema $defs for a condition whose comparisons name their subject with `key`. */
export const conditionDefs = (key: SubjectKey): Record<string, object> => ({
  condition: {
    description: `A condition: {all: [...]}, {any: [...]}, {not: ...} or {${key}: ID, <op>: value} with exactly one op.`,
    oneOf: [
      {
        type: 'object',
        properties: {all: {type: 'array', minItems: 1, items: {$ref: '#/$defs/condition'}}},
        required: ['all'],
        additionalProperties: false,
      },
      {
        type: 'object',
        properties: {any: {type: 'array', minItems: 1, items: {$ref: '#/$defs/condition'}}},
        required: ['any'],
        additionalProperties: false,
      },
      {type: 'object', properties: {not: {$ref: '#/$defs/condition'}}, required: ['not'], additionalProperties: false},
      {
        type: 'object',
        properties: {[key]: {type: 'string', minLength: 1}, ...opSchemas},
        required: [key],
        additionalProperties: false,
        minProperties: 2,
        maxProperties: 2,
      },
    ],
  },
})
