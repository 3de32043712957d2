import {Args, Flags} from '@oclif/core'

import {ENDPOINT_ROLES, JURISDICTIONS} from '../../schemas/vendor.schema.js'
import {addVendor} from '../../workspace/vendors.js'
import {loadWorkspace} from '../../workspace/workspace.js'
import type {VendorProfile} from '../../workspace/workspace-types.js'
import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import {parseEndpointFlag} from '../../cli/endpoint-input.js'

export interface VendorAddResult {
  readonly file: string
  readonly profile: VendorProfile
}

export default class VendorAdd extends BaseCommand {
  static override summary = 'Add a vendor profile (vendors/ID/vendor.yaml) from the template.'
  static override examples = [
    '<%= config.bin %> vendor add acme --name "Acme Imaging AI" --endpoint https://api.acme.example',
    '<%= config.bin %> vendor add acme --name "Acme" --endpoint https://api.acme.example --endpoint dicomweb=https://pacs.acme.example/dicom-web --jurisdiction US --jurisdiction EU',
  ]
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'Short id: lowercase letters, digits, "-".', required: true})}
  static override flags = {
    workspace: workspaceFlag,
    name: Flags.string({description: 'The vendor’s name.', required: true}),
    service: Flags.string({description: 'The service you use from them.'}),
    endpoint: Flags.string({
      description: `Endpoint URL, optionally ROLE=URL with ROLE one of ${ENDPOINT_ROLES.join(', ')} (repeatable; default role api).`,
      multiple: true,
      required: true,
    }),
    jurisdiction: Flags.string({description: 'Where you operate: US, EU (repeatable; default US).', options: [...JURISDICTIONS], multiple: true}),
  }

  async run(): Promise<VendorAddResult> {
    const {args, flags} = await this.parse(VendorAdd)
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const endpoints = flags.endpoint.map(parseEndpointFlag)
    const vendor = await addVendor(ws, {
      id: args.id,
      name: flags.name,
      endpoints,
      ...(flags.service ? {service: flags.service} : {}),
      ...(flags.jurisdiction ? {jurisdictions: flags.jurisdiction as ('US' | 'EU')[]} : {}),
    })
    this.log(`Added ${vendor.profile.name}: ${vendor.file}`)
    return {file: vendor.file, profile: vendor.profile}
  }
}
