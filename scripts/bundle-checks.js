// Writes dist/checks-bundle.json after a build: every bundled check, validated by the same loader `assess`
// uses, as JSON. Commands that need only the shipped checks (scanvet probe tls) read it instead of parsing
// YAML at start-up, which costs more than the TLS probe itself.
import {fileURLToPath} from 'node:url'

import {loadChecks} from '../dist/checks/load-checks.js'
import {writeFileAtomic} from '../dist/workspace/atomic-write.js'

const checks = await loadChecks()
await writeFileAtomic(fileURLToPath(new URL('../dist/checks-bundle.json', import.meta.url)), `${JSON.stringify(checks)}\n`)
