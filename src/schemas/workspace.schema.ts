import {idString, text} from './common.js'

export const workspaceSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scanvet.dev/schemas/workspace.json',
  title: 'scanvet workspace (scanvet.yaml)',
  type: 'object',
  required: ['organisation', 'frameworks'],
  additionalProperties: false,
  properties: {
    organisation: {...text, description: 'The practice or organisation that runs the audit.'},
    assessor: {...text, description: 'Who performs the assessment.'},
    frameworks: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: idString,
      description: 'Framework catalogues in force (checks/frameworks/<id>.yaml), e.g. hipaa, gdpr-edpb.',
    },
    reassessmentIntervalDays: {type: 'integer', minimum: 1, maximum: 730, default: 90},
    network: {
      type: 'object',
      additionalProperties: false,
      properties: {
        connectTimeoutMs: {type: 'integer', minimum: 100, maximum: 120000},
        requestTimeoutMs: {type: 'integer', minimum: 100, maximum: 600000},
        maxResponseBytes: {type: 'integer', minimum: 1024, maximum: 1073741824},
        maxRedirects: {type: 'integer', minimum: 0, maximum: 20},
        concurrency: {type: 'integer', minimum: 1, maximum: 256, description: 'Connections in flight at once across all endpoints.'},
        perEndpointConcurrency: {type: 'integer', minimum: 1, maximum: 64, description: 'Connections in flight at once to one endpoint.'},
      },
    },
    report: {
      type: 'object',
      additionalProperties: false,
      properties: {
        tsaUrl: {type: 'string', format: 'uri', description: 'RFC 3161 time-stamping authority for report signatures.'},
        keyFile: {...text, description: 'PKCS#12 signing key, relative to the workspace (default keys/signing.p12).'},
      },
    },
  },
} as const
