import {Args} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../cli/base-command.js'
import type {AssessmentDiff} from '../history/diff.js'

export type DiffCommandResult = AssessmentDiff

const show = (v: unknown): string => (v === undefined ? '—' : Array.isArray(v) ? v.join(', ') : String(v))

export default class Diff extends BaseCommand {
  static override summary = 'What changed between two assessments of a vendor: FIXED, REGRESSED, NEW, GONE, UNCHANGED per finding and condition; answers, evidence, verdict.'
  static override description = 'TO defaults to the latest assessment and FROM to the one before it. Round ids are listed by `scanvet history VENDOR`.'
  static override examples = [
    '<%= config.bin %> diff acme-imaging',
    '<%= config.bin %> diff acme-imaging 2026-02-03-1 2026-05-04-1',
    '<%= config.bin %> diff acme-imaging --json',
  ]
  static override enableJsonFlag = true
  static override args = {
    vendor: Args.string({description: 'Vendor id.', required: true}),
    from: Args.string({description: 'The earlier assessment (default: the one before TO).'}),
    to: Args.string({description: 'The later assessment (default: the latest).'}),
  }
  static override flags = {workspace: workspaceFlag}

  async run(): Promise<DiffCommandResult> {
    const {args, flags} = await this.parse(Diff)
    const {loadWorkspace} = await import('../workspace/workspace.js')
    const {diffRounds} = await import('../history/diff-rounds.js')
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const d = await diffRounds(ws, args.vendor, args.from, args.to)
    const verdict = (x: string) => x.replaceAll('-', ' ').toUpperCase()
    this.log(`${d.vendor}: ${d.from.id} → ${d.to.id}`)
    this.log(d.verdict.changed ? `Verdict: ${verdict(d.verdict.from)} → ${verdict(d.verdict.to)}` : `Verdict: ${verdict(d.verdict.to)} (unchanged)`)
    const c = d.counts
    this.log(`Findings: ${c.fixed} fixed, ${c.regressed} regressed, ${c.new} new, ${c.gone} gone, ${c.unchanged} unchanged; ${c.answersChanged} answer(s) and ${c.evidenceChanged} evidence item(s) changed.`)
    if (d.findings.length > 0) this.log('\nFindings')
    for (const f of d.findings) {
      this.log(`  ${f.kind.toUpperCase().padEnd(10)} ${f.severity.padEnd(8)} ${f.title}${f.target ? ` (${f.target})` : ''}: ${show(f.from)} → ${show(f.to)}`)
    }
    if (d.conditions.length > 0) this.log('\nConditions')
    for (const k of d.conditions) {
      this.log(`  ${k.kind.toUpperCase().padEnd(10)} ${k.state.replaceAll('-', ' ').padEnd(13)} due ${k.due}  ${k.id}`)
      for (const x of k.decisions) this.log(`             ${x.state.replaceAll('-', ' ')} by ${x.by} on ${x.at.slice(0, 10)}: ${x.reason}`)
    }
    if (d.answers.length > 0) this.log('\nAnswers')
    for (const a of d.answers) this.log(`  ${a.kind.toUpperCase().padEnd(9)} ${a.questionId}: ${show(a.from)} → ${show(a.to)}`)
    if (d.evidence.length > 0) this.log('\nEvidence')
    for (const e of d.evidence) this.log(`  ${e.kind.toUpperCase().padEnd(9)} ${e.label}: ${e.detail}`)
    return d
  }
}
