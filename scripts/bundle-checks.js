// Writes dist/checks-bundle.json after a build: every bundled check, validated by the same loader `assess`
// uses, as JSON. Commands that need only the shipped checks (scanvet probe tls) read it instead of parsing
// YAML at start-up, which costs more than the TLS probe itself.
import {loadChecks} from '../dist/checks/load-checks.js'
import {writeFileAtomic} from '../dist/workspace/atomic-write.js'

const checks = await loadChecks()
await writeFileAtomic(new URL('../dist/checks-bundle.json', import.meta.url).pathname, `${JSON.stringify(checks)}\n`)
