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
        proxy: {
          type: 'object',
          additionalProperties: false,
          description: 'The egress proxy every probe goes through (overrides HTTPS_PROXY / HTTP_PROXY). Credentials come from SCANVET_PROXY_USER and SCANVET_PROXY_PASSWORD, never from this file.',
          properties: {
            url: {type: 'string', pattern: '^https?://[^/@\\s]+/?$', description: 'http://host:port of the proxy, without credentials.'},
            noProxy: {type: 'array', items: {type: 'string', minLength: 1, maxLength: 253}, maxItems: 256, description: 'Hosts reached directly (NO_PROXY grammar: host, .domain, host:port, *).'},
            caFile: {...text, description: "PEM bundle of the proxy's CA (an HTTPS proxy, or one that inspects TLS), relative to the workspace."},
          },
        },
      },
    },
    policy: {
      type: 'object',
      description:
        'Thresholds your practice sets itself, by question id: a limit (an ISO 8601 duration such as PT48H, or a number) for a question whose threshold is practice policy, true to keep a yes-or-no requirement, or off to stop scoring it. Binding rules cannot be changed here.',
      propertyNames: {pattern: '^[a-z0-9]+(?:[.-][a-z0-9]+)*$'},
      additionalProperties: {oneOf: [{type: 'string', minLength: 1, maxLength: 40}, {type: 'number'}, {const: true}]},
    },
    report: {
      type: 'object',
      additionalProperties: false,
      properties: {
        tsaUrl: {type: 'string', format: 'uri', description: 'RFC 3161 time-stamping authority for report signatures.'},
        keyFile: {...text, description: 'PKCS#12 signing key, relative to the workspace (default keys/signing.p12).'},
        paperSize: {enum: ['letter', 'a4'], description: 'Report paper size (default: letter when HIPAA is in force, else A4).'},
        logo: {...text, description: 'PNG or JPEG logo of the practice for the report, relative to the workspace.'},
      },
    },
  },
} as const
