import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'

export default class DemoServe extends BaseCommand {
  static override summary = 'Keep the demo vendor running on 127.0.0.1, with a workspace to try the quarterly flow on.'
  static override description =
    'Prints the port and the workspace, then serves until Ctrl-C. In another terminal: scanvet assess demo-imaging-ai -w DIR, then diff, history, status and run. Reports are unsigned until you run scanvet keys generate -w DIR.'
  static override examples = ['<%= config.bin %> demo serve', '<%= config.bin %> demo serve --dir ./demo-workspace --port 8443']
  static override flags = {
    dir: Flags.directory({description: 'Create the demo workspace here (default: a new temporary directory).'}),
    port: Flags.integer({description: 'Port to listen on (default: any free port).', min: 1, max: 65535}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(DemoServe)
    const {serveDemo} = await import('../../demo/run-demo.js')
    const demo = await serveDemo({...(flags.dir ? {dir: flags.dir} : {}), ...(flags.port ? {port: flags.port} : {})})
    this.log(`Demo vendor: ${demo.vendorUrl} (port ${demo.port})`)
    this.log(`Workspace:   ${demo.workspace}`)
    this.log('Try, in another terminal:')
    this.log(`  scanvet assess demo-imaging-ai -w ${demo.workspace}`)
    this.log(`  scanvet history demo-imaging-ai -w ${demo.workspace}`)
    this.log(`  scanvet status -w ${demo.workspace}`)
    this.log(`  scanvet keys generate -w ${demo.workspace}   (then reports are signed)`)
    this.log('Press Ctrl-C to stop the demo vendor.')
    await new Promise<void>((resolve) => {
      const stop = () => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await demo.close()
    this.log('Demo vendor stopped.')
  }
}
