import {DEID_OPTIONS} from '../dicom/deid/deid-options.js'
import {authSchema} from './auth.schema.js'
import {EVIDENCE_KINDS, idString, text} from './common.js'
import {retentionProfileSchema} from './retention.schema.js'
import {soc2ProfileSchema, statedFactsSchema} from './soc2-profile.schema.js'


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
    formerIds: {
      type: 'array',
      items: idString,
      uniqueItems: true,
      description: 'Ids this vendor had before `scanvet vendor rename` (oldest first): its earlier rounds were signed under them, and history accepts them.',
    },
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
          stated: statedFactsSchema,
          organisation: {...text, description: 'Whose document this is when not the vendor’s own, e.g. a carved-out subservice organisation’s SOC 2 report.'},
        },
        oneOf: [{required: ['path']}, {required: ['url']}],
      },
    },
    auth: authSchema,
    retention: retentionProfileSchema,
    deid: {
      type: 'object',
      additionalProperties: false,
      description: 'De-identification audit: the PS3.15 Annex E options agreed with the vendor and sample studies to check.',
      properties: {
        profile: {enum: ['basic'], description: 'PS3.15 Annex E Basic Application Level Confidentiality Profile.'},
        options: {type: 'array', uniqueItems: true, items: {enum: [...DEID_OPTIONS]}, description: 'Annex E options in use.'},
        safePrivate: {type: 'array', items: {type: 'string', pattern: '^.+:\\(?[0-9A-Fa-f]{4},\\s*[xX]{2}[0-9A-Fa-f]{2}\\)?$'}, description: 'Private elements judged safe under retain-safe-private, as CREATOR:(gggg,xxee).'},
        sent: {type: 'array', items: text, description: 'Sample studies the practice sends (files or folders), relative to the vendor folder.'},
        returned: {type: 'array', items: text, description: 'Sample results the vendor returns (SR, SC, GSPS, …), relative to the vendor folder.'},
        originals: {type: 'array', items: text, description: 'The sent samples before de-identification, to prove UIDs and IDs were replaced.'},
      },
    },
    soc2: soc2ProfileSchema,
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
