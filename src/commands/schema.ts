import {Args} from '@oclif/core'

import {INPUT_KINDS, SCHEMAS, type InputKind} from '../schemas/index.js'
import {BaseCommand} from '../cli/base-command.js'

export default class Schema extends BaseCommand {
  static override summary = 'Print the JSON Schema of an input kind (for editors and yaml-language-server).'
  static override examples = ['<%= config.bin %> schema vendor > vendor.schema.json', '<%= config.bin %> schema questionnaire']
  static override args = {kind: Args.string({description: 'Input kind.', required: true, options: [...INPUT_KINDS]})}

  async run(): Promise<void> {
    const {args} = await this.parse(Schema)
    this.log(JSON.stringify(SCHEMAS[args.kind as InputKind], null, 2))
  }
}
