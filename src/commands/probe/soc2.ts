import {Args, Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import {runSoc2File, runSoc2Probe, type Soc2ProbeRun} from '../../probes/soc2/run-soc2-probe.js'
import {ScanvetError} from '../../errors.js'

export type ProbeSoc2Result = Soc2ProbeRun

export default class ProbeSoc2 extends BaseCommand {
  static override summary = 'Read the vendor’s SOC 2 report and related evidence: facts with their pages, coverage, and the SOC 2 findings.'
  static override description = 'Reads the documents listed under `evidence:` in the vendor profile (file or URL), plus security.txt and the trust page. Writes nothing; `scanvet assess` keeps the documents in the round’s evidence/ folder.'
  static override examples = [
    '<%= config.bin %> probe soc2 acme',
    '<%= config.bin %> probe soc2 acme --json',
    '<%= config.bin %> probe soc2 --file soc2-report.pdf',
    '<%= config.bin %> probe soc2 --file soc2-report.pdf --bridge bridge-letter.pdf --service "Chest X-ray triage"',
  ]
  static override enableJsonFlag = true
  static override args = {vendor: Args.string({description: 'Vendor id (or give --file).', required: false})}
  static override flags = {
    workspace: workspaceFlag,
    file: Flags.string({description: 'Read this SOC 2 report PDF directly: no workspace or vendor needed.', exclusive: ['workspace']}),
    bridge: Flags.string({description: 'A bridge letter PDF to read with --file.', dependsOn: ['file']}),
    service: Flags.string({description: 'With --file: the service you use, to check the report covers it.', dependsOn: ['file']}),
  }

  async run(): Promise<ProbeSoc2Result> {
    const {args, flags} = await this.parse(ProbeSoc2)
    if (flags.file && args.vendor) throw new ScanvetError('INVALID_INPUT', 'give a vendor id or --file, not both')
    let r: Soc2ProbeRun
    if (flags.file) {
      r = await runSoc2File({file: flags.file, ...(flags.bridge ? {bridge: flags.bridge} : {}), ...(flags.service ? {service: flags.service} : {})})
    } else {
      if (!args.vendor) throw new ScanvetError('INVALID_INPUT', 'give a vendor id, or --file with the path of a SOC 2 report PDF', ['scanvet probe soc2 acme', 'scanvet probe soc2 --file soc2-report.pdf'])
      const {loadWorkspace} = await import('../../workspace/workspace.js')
      const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
      r = await runSoc2Probe({workspace: ws, vendorId: args.vendor})
    }
    if (r.observation.status === 'error') this.log(`Error: ${r.observation.reason}\n`)
    if (r.documents.length > 0) {
      this.log('Documents')
      for (const d of r.documents) this.log(`  ${d.kind.padEnd(20)} ${d.source}\n  ${''.padEnd(20)} ${d.status === 'ok' ? `sha256 ${d.sha256}` : `${d.status}: ${d.reason ?? ''}`}`)
      this.log('')
    }
    if (r.facts.length > 0) {
      this.log('Facts (page, source)')
      for (const f of r.facts) this.log(`  ${f.fact}: ${f.value} (page ${f.page}, ${f.source})`)
      this.log('')
    }
    if (r.coverage.status === 'known') {
      this.log(`Coverage: until ${r.coverage.coveredUntil} (${r.coverage.basis}); ${r.coverage.quarters.map((q) => `${q.quarter} ${q.status}`).join(', ')}`)
    }
    if (r.warning) this.log(r.warning)
    this.log('\nFindings')
    for (const f of r.findings) this.log(`  ${f.status.toUpperCase().padEnd(14)} ${f.severity.padEnd(8)} ${f.ruleId}: ${f.message}`)
    if (r.askVendor.length > 0) {
      this.log('\nAsk the vendor')
      for (const q of r.askVendor) this.log(`  - ${q.question}`)
    }
    return r
  }
}
