import {readFileSync} from 'node:fs'
import {parse} from 'yaml'

import type {Decision} from '../controls/verdict.js'
import type {FindingStatus} from '../model/finding.js'
import {packagePath} from '../paths.js'

export interface ReportText {
  readonly title: string
  readonly subtitle: string
  readonly decisions: Readonly<Record<Decision, {readonly label: string; readonly colour: string; readonly meaning: string}>>
  readonly statuses: Readonly<Record<FindingStatus, string>>
  readonly sections: Readonly<Record<string, string>>
  readonly layout: {readonly pageSize: string; readonly margin: number; readonly fontSize: number}
}

let cached: ReportText | undefined

/** templates/report.yaml: the report's wording, kept out of code. */
export const reportText = (): ReportText => (cached ??= parse(readFileSync(packagePath('templates', 'report.yaml'), 'utf8')) as ReportText)
