import {readFileSync} from 'node:fs'

import type {ControlStatus} from '../controls/framework-types.js'
import type {Decision} from '../controls/verdict.js'
import {readBundledYaml} from '../yaml/read-yaml.js'
import type {FindingStatus} from '../model/finding.js'
import {packagePath} from '../paths.js'
import type {Severity} from '../schemas/common.js'

interface Labelled {
  readonly label: string
  readonly colour: string
}

export interface ReportText {
  readonly title: string
  readonly subtitle: string
  readonly decisions: Readonly<Record<Decision, Labelled & {readonly meaning: string}>>
  readonly statuses: Readonly<Record<FindingStatus, string>>
  readonly statusColours: Readonly<Record<FindingStatus, string>>
  readonly controlStatuses: Readonly<Record<ControlStatus, Labelled>>
  readonly controlTypes: Readonly<Record<string, string>>
  readonly severities: Readonly<Record<Severity, Labelled>>
  readonly owners: Readonly<Record<'vendor' | 'practice', string>>
  readonly areas: Readonly<Record<string, string>>
  readonly cover: Readonly<Record<string, string>>
  readonly summary: Readonly<Record<string, string>> & {readonly chartLegend: readonly string[]}
  readonly sections: Readonly<Record<string, string>>
  readonly labels: Readonly<Record<string, string>>
  readonly method: readonly string[]
  readonly limits: readonly string[]
  readonly signaturePage: Readonly<Record<string, string>> & {readonly verifySteps: readonly string[]}
  readonly quarter: Readonly<Record<string, string>> & {
    readonly tiles: Readonly<Record<'fixed' | 'new' | 'regressed' | 'overdue' | 'accepted', string>>
    readonly standing: Readonly<Record<'overdue' | 'risk-accepted' | 'waived', string>>
    readonly tlsGridLegend: readonly string[]
  }
  readonly unknownDecision: {readonly colour: string; readonly meaning: string}
  readonly layout: {readonly pageSize: string; readonly margin: number; readonly fontSize: number; readonly footer: string; readonly topRisks: number}
}

/**
 * The wording of a decision, for any id in DECISIONS: a decision the wording file does not know yet (a new id
 * added to the verdict) still renders, labelled by its id, rather than breaking the report.
 */
export const decisionText = (text: ReportText, id: string): Labelled & {readonly meaning: string} =>
  (text.decisions as Readonly<Record<string, Labelled & {meaning: string}>>)[id] ?? {label: id.replaceAll('-', ' ').toUpperCase(), ...text.unknownDecision}

let cached: ReportText | undefined

/** templates/report.yaml: the report's wording, kept out of code. */
export const reportText = (): ReportText => (cached ??= readBundledYaml(readFileSync(packagePath('templates', 'report.yaml')), 'templates/report.yaml') as ReportText)

/** Fill {name} placeholders. */
export const fill = (template: string, values: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m))
