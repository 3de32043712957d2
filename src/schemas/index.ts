import {answersSchema} from './answers.schema.js'
import {assessmentSchema} from './assessment.schema.js'
import {checkSchema} from './check.schema.js'
import {frameworkSchema} from './framework.schema.js'
import {migrationSchema} from './migration.schema.js'
import {provisionsSchema} from './provisions.schema.js'
import {questionnaireSchema} from './questionnaire.schema.js'
import {vendorSchema} from './vendor.schema.js'
import {workspaceSchema} from './workspace.schema.js'

/** Every input kind scanvet reads, each with its one schema. */
export const SCHEMAS = {
  answers: answersSchema,
  assessment: assessmentSchema,
  check: checkSchema,
  framework: frameworkSchema,
  migration: migrationSchema,
  provisions: provisionsSchema,
  questionnaire: questionnaireSchema,
  vendor: vendorSchema,
  workspace: workspaceSchema,
} as const

export type InputKind = keyof typeof SCHEMAS
export const INPUT_KINDS = Object.keys(SCHEMAS).sort() as InputKind[]
export const isInputKind = (s: string): s is InputKind => Object.hasOwn(SCHEMAS, s)
