// Fixture for bench/batch.sh: start a few demo vendor servers on 127.0.0.1 and a workspace of N vendor
// profiles pointing at them (round-robin), then keep the servers up until stdin closes.
// Usage: node bench/batch-fixture.mjs WORKSPACE_DIR VENDORS SERVERS
import {promises as fs} from 'node:fs'
import path from 'node:path'
import {stringify} from 'yaml'

import {startDemoVendor} from '../dist/demo/demo-vendor.js'
import {initWorkspace} from '../dist/workspace/init-workspace.js'

const [dir, vendorsArg = '100', serversArg = '4'] = process.argv.slice(2)
const servers = await Promise.all(Array.from({length: Number(serversArg)}, () => startDemoVendor()))
await initWorkspace({dir, organisation: 'Batch Bench Practice'})
const answers = await fs.readFile(new URL('../templates/demo/answers.yaml', import.meta.url), 'utf8')
// The demo's signed agreements: without a BAA every vendor would be "cannot decide yet" (exit 4), not a real round.
const agreements = {baa: await fs.readFile(new URL('../templates/demo/baa.txt', import.meta.url)), dpa: await fs.readFile(new URL('../templates/demo/dpa.txt', import.meta.url))}
for (let i = 1; i <= Number(vendorsArg); i++) {
  const id = `v${String(i).padStart(3, '0')}`
  const s = servers[i % servers.length]
  const vdir = path.join(dir, 'vendors', id)
  await fs.mkdir(vdir, {recursive: true})
  await fs.writeFile(path.join(vdir, 'demo-ca.pem'), s.caPem)
  for (const [kind, bytes] of Object.entries(agreements)) await fs.writeFile(path.join(vdir, `${kind}.txt`), bytes)
  await fs.writeFile(path.join(vdir, 'answers.yaml'), answers.replace(/^vendor: .*$/m, `vendor: ${id}`))
  await fs.writeFile(
    path.join(vdir, 'vendor.yaml'),
    stringify({
      id,
      name: `Bench vendor ${i}`,
      service: 'Chest X-ray triage (bench)',
      jurisdictions: ['US', 'EU'],
      endpoints: [
        {url: `${s.url}/v1`, role: 'api', caBundle: 'demo-ca.pem'},
        {url: `https://localhost:${s.port}/portal`, role: 'portal', caBundle: 'demo-ca.pem'},
      ],
      questionnaire: {id: 'imaging-ai-vendor', answers: 'answers.yaml'},
      evidence: [
        {kind: 'baa', path: 'baa.txt', title: 'Business associate agreement (bench)'},
        {kind: 'dpa', path: 'dpa.txt', title: 'Data processing agreement (bench)'},
      ],
    }),
  )
}
await fs.writeFile(path.join(dir, '.bench-ready'), 'ok')
process.stdin.resume()
process.stdin.on('end', async () => {
  await Promise.all(servers.map((s) => s.close()))
  process.exit(0)
})
