import {listVendorIds, loadVendor} from '../../workspace/vendors.js'
import {loadWorkspace} from '../../workspace/workspace.js'
import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'

export interface VendorListResult {
  readonly vendors: readonly {readonly id: string; readonly name: string; readonly service: string; readonly endpoints: number}[]
}

export default class VendorList extends BaseCommand {
  static override summary = 'List the vendors in the workspace.'
  static override examples = ['<%= config.bin %> vendor list', '<%= config.bin %> vendor list --json']
  static override enableJsonFlag = true
  static override flags = {workspace: workspaceFlag}

  async run(): Promise<VendorListResult> {
    const {flags} = await this.parse(VendorList)
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const vendors = await Promise.all(
      (await listVendorIds(ws)).map(async (id) => {
        const v = await loadVendor(ws, id)
        return {id, name: v.profile.name, service: v.profile.service, endpoints: v.profile.endpoints.length}
      }),
    )
    if (vendors.length === 0) this.log('No vendors yet. Add one with: scanvet vendor add ID --name NAME --endpoint URL')
    for (const v of vendors) this.log(`${v.id.padEnd(20)} ${v.name} — ${v.service} (${v.endpoints} endpoint${v.endpoints === 1 ? '' : 's'})`)
    return {vendors}
  }
}
