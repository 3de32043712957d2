import {PROBE_FAMILIES} from './check.schema.js'
import {SEVERITIES, idString, text} from './common.js'
import {CONTROL_AREAS} from './framework.schema.js'
import {JURISDICTIONS, vendorSchema} from './vendor.schema.js'

const date = {type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$'}
const dateTime = {type: 'string', format: 'date-time'}
const sha256 = {type: 'string', pattern: '^[0-9a-f]{64}$'}
const fingerprint = {type: 'string', pattern: '^([0-9A-F]{2}:){31}[0-9A-F]{2}$'}
const probe = {enum: [...PROBE_FAMILIES]}
const answer = {
  oneOf: [{type: 'boolean'}, {type: 'number'}, {type: 'string'}, {type: 'null'}, {type: 'array', items: {type: 'string'}}],
}

const findingBase = {
  id: text,
  ruleId: idString,
  source: {enum: ['check', 'question']},
  title: text,
  headline: text,
  risk: idString,
  basis: {enum: ['practice-policy']},
  severity: {enum: [...SEVERITIES]},
  target: {type: 'string'},
  area: {type: 'string'},
  message: {type: 'string'},
  rationale: {type: 'string'},
  remediation: {type: 'string'},
  references: {type: 'array', items: {type: 'string'}},
  evidence: {type: 'object'},
}
const findingRequired = ['id', 'ruleId', 'source', 'title', 'severity', 'message', 'status']

const observationBase = {probe, target: text, startedAt: dateTime, durationMs: {type: 'number', minimum: 0}}

/**
 * assessment.json: the one canonical record of a round (src/assessment/assessment-types.ts is its type). Strict
 * at every level but observation facts and finding evidence: a field added to the type must be added here.
 */
export const assessmentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scanvet.dev/schemas/assessment.json',
  title: 'scanvet assessment record (vendors/<id>/assessments/<round>/assessment.json)',
  type: 'object',
  required: ['schemaVersion', 'id', 'assessedAt', 'tool', 'organisation', 'vendor', 'frameworks', 'observations', 'findings', 'controls', 'verdict', 'nextReviewDue'],
  additionalProperties: false,
  properties: {
    schemaVersion: {const: 1},
    id: {type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}-\\d+$'},
    assessedAt: dateTime,
    tool: {
      type: 'object',
      required: ['name', 'version', 'node', 'openssl'],
      additionalProperties: false,
      properties: {name: {const: 'scanvet'}, version: text, node: text, openssl: text},
    },
    organisation: {type: 'object', required: ['name'], additionalProperties: false, properties: {name: text, assessor: text}},
    vendor: {
      type: 'object',
      required: ['id', 'name', 'service', 'jurisdictions', 'endpoints'],
      additionalProperties: false,
      properties: {
        id: idString,
        name: text,
        service: text,
        jurisdictions: {type: 'array', items: {enum: [...JURISDICTIONS]}},
        // As the vendor profile had them when assessed: the same schema, so the two cannot drift apart.
        endpoints: vendorSchema.properties.endpoints,
        evidence: vendorSchema.properties.evidence,
      },
    },
    frameworks: {type: 'array', items: {type: 'object', required: ['id', 'title'], additionalProperties: false, properties: {id: idString, title: text}}},
    questionnaire: {
      type: 'object',
      required: ['id', 'version', 'title', 'answers'],
      additionalProperties: false,
      properties: {
        id: idString,
        version: text,
        title: text,
        answersFile: text,
        answersSha256: sha256,
        answers: {type: 'object', additionalProperties: answer},
        policy: {type: 'object', description: 'The practice-policy thresholds in force for this round (scanvet.yaml policy).', additionalProperties: {type: ['string', 'number', 'boolean']}},
      },
    },
    observations: {
      type: 'array',
      items: {
        oneOf: [
          {type: 'object', required: ['probe', 'target', 'startedAt', 'durationMs', 'status', 'facts'], additionalProperties: false, properties: {...observationBase, status: {const: 'ok'}, facts: {type: 'object'}}},
          {type: 'object', required: ['probe', 'target', 'startedAt', 'durationMs', 'status', 'reason'], additionalProperties: false, properties: {...observationBase, status: {const: 'error'}, reason: text, facts: {type: 'object'}}},
          {type: 'object', required: ['probe', 'target', 'startedAt', 'durationMs', 'status', 'reason'], additionalProperties: false, properties: {...observationBase, status: {const: 'not-applicable'}, reason: text}},
        ],
      },
    },
    findings: {
      type: 'array',
      items: {
        oneOf: [
          {type: 'object', required: findingRequired, additionalProperties: false, properties: {...findingBase, status: {enum: ['pass', 'fail', 'warn']}}},
          {type: 'object', required: [...findingRequired, 'reason'], additionalProperties: false, properties: {...findingBase, status: {enum: ['error', 'not-applicable', 'not-assessed']}, reason: text}},
        ],
      },
    },
    controls: {
      type: 'array',
      items: {
        type: 'object',
        required: ['frameworkId', 'controlId', 'citation', 'title', 'area', 'type', 'status', 'findings', 'summary'],
        additionalProperties: false,
        properties: {
          frameworkId: idString,
          controlId: idString,
          citation: text,
          title: text,
          requirement: text,
          area: {enum: [...CONTROL_AREAS]},
          type: {enum: ['standard', 'required', 'addressable', 'article', 'guidance']},
          status: {enum: ['not-satisfied', 'partially-satisfied', 'not-assessed', 'satisfied', 'readiness', 'manual']},
          findings: {type: 'array', items: text},
          summary: text,
        },
      },
    },
    verdict: {
      type: 'object',
      required: ['decision', 'rule', 'reasons', 'counts', 'conditions'],
      additionalProperties: false,
      properties: {
        decision: {enum: ['approved', 'approved-with-conditions', 'cannot-decide', 'not-approved']},
        rule: text,
        reasons: {type: 'array', items: text},
        gates: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'title', 'status', 'reason', 'findings'],
            additionalProperties: false,
            properties: {id: {enum: ['baa', 'dpa']}, title: text, status: {enum: ['met', 'failed', 'no-evidence']}, reason: text, findings: {type: 'array', items: text}, obtain: text},
          },
        },
        missing: {type: 'array', items: text},
        counts: {
          type: 'object',
          required: ['fail', 'warn', 'error', 'not-assessed', 'pass', 'not-applicable'],
          additionalProperties: false,
          properties: Object.fromEntries(['fail', 'warn', 'error', 'not-assessed', 'pass', 'not-applicable'].map((k) => [k, {type: 'integer', minimum: 0}])),
        },
        conditions: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'findingId', 'title', 'severity', 'kind', 'action', 'owner', 'due'],
            additionalProperties: false,
            properties: {
              id: {type: 'string', pattern: '^C\\d+$'},
              findingId: text,
              title: text,
              severity: {enum: [...SEVERITIES]},
              kind: {enum: ['fix', 'evidence']},
              action: text,
              owner: {enum: ['vendor', 'practice']},
              due: date,
            },
          },
        },
      },
    },
    nextReviewDue: date,
    previous: {type: 'object', required: ['id', 'sha256'], additionalProperties: false, properties: {id: text, sha256}},
    signature: {
      oneOf: [
        {
          type: 'object',
          required: ['status', 'format', 'signer', 'fingerprint', 'algorithm', 'timestamp'],
          additionalProperties: false,
          properties: {
            status: {const: 'signed'},
            format: text,
            signer: text,
            fingerprint,
            algorithm: text,
            timestamp: {
              oneOf: [
                {type: 'object', required: ['status'], additionalProperties: false, properties: {status: {const: 'none'}}},
                {type: 'object', required: ['status', 'tsaUrl'], additionalProperties: false, properties: {status: {const: 'rfc3161'}, tsaUrl: text}},
                {type: 'object', required: ['status', 'tsaUrl', 'reason'], additionalProperties: false, properties: {status: {const: 'failed'}, tsaUrl: text, reason: text}},
              ],
            },
          },
        },
        {type: 'object', required: ['status', 'reason'], additionalProperties: false, properties: {status: {const: 'unsigned'}, reason: text}},
      ],
    },
  },
} as const
