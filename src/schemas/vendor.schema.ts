import {EVIDENCE_KINDS, idString, text} from './common.js'

const envName = {type: 'string', pattern: '^[A-Z_][A-Z0-9_]*$', description: 'The NAME of an environment variable, never its value.'}

export const ENDPOINT_ROLES = ['api', 'portal', 'dicomweb', 'dicom-tls'] as const
export const JURISDICTIONS = ['US', 'EU'] as const

export const vendorSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scanvet.dev/schemas/vendor.json',
  title: 'scanvet vendor profile (vendors/<id>/vendor.yaml)',
  type: 'object',
  required: ['id', 'name', 'service', 'jurisdictions', 'endpoints'],
  additionalProperties: false,
  properties: {
    id: idString,
    name: text,
    service: {...text, description: 'The service the practice uses, as the vendor names it.'},
    description: text,
    contact: {
      type: 'object',
      additionalProperties: false,
      properties: {name: text, email: {type: 'string', format: 'email'}, url: {type: 'string', format: 'uri'}},
    },
    jurisdictions: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: {enum: [...JURISDICTIONS]},
      description: 'Where the practice operates: US brings HIPAA, EU brings GDPR/EDPB.',
    },
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['url', 'role'],
        additionalProperties: false,
        properties: {
          url: {type: 'string', format: 'uri', pattern: '^(https?|dicom-tls|tls)://'},
          role: {enum: [...ENDPOINT_ROLES]},
          name: text,
          caBundle: {...text, description: 'PEM file of CAs to trust for this endpoint, relative to the vendor folder.'},
          plainHttpUrl: {type: 'string', format: 'uri', pattern: '^http://', description: 'Where plain HTTP is tried for the redirect-to-HTTPS check (default http://<host>/ on port 80).'},
        },
      },
    },
    evidence: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind'],
        additionalProperties: false,
        properties: {
          kind: {enum: [...EVIDENCE_KINDS]},
          path: {...text, description: 'Relative to the vendor folder.'},
          url: {type: 'string', format: 'uri'},
          title: text,
          expires: {type: 'string', format: 'date'},
          stated: {type: 'object', description: 'Facts the practice states for this document (labelled "stated", not extracted).'},
        },
        oneOf: [{required: ['path']}, {required: ['url']}],
      },
    },
    auth: {
      type: 'object',
      required: ['scheme'],
      additionalProperties: false,
      properties: {
        scheme: {enum: ['bearer', 'basic', 'header']},
        tokenEnv: envName,
        usernameEnv: envName,
        passwordEnv: envName,
        header: {type: 'string', pattern: '^[A-Za-z0-9-]+$'},
      },
    },
    questionnaire: {
      type: 'object',
      additionalProperties: false,
      properties: {
        id: idString,
        answers: {...text, description: 'Answers file, relative to the vendor folder (default answers.yaml).'},
      },
    },
  },
} as const
