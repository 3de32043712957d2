import {promises as fs} from 'node:fs'

import {displayPath} from '../paths.js'
import {parseOrThrow} from '../validation/validate-document.js'
import {readYamlDocument} from '../yaml/read-yaml.js'
import {writeFileAtomic} from '../workspace/atomic-write.js'
import type {VendorProfile} from '../workspace/workspace-types.js'

/**
 * Complete the demo vendor's profile: a retention block (its DICOMweb store, a deletion request, and a
 * one-second one-shot window so `scanvet demo` plants and verifies a canary in the same fast run) and its
 * SOC 2 report, business associate agreement and data processing agreement as evidence.
 */
export const completeDemoProfile = async (vendorFile: string, dicomwebUrl: string, soc2Report: string): Promise<void> => {
  const doc = readYamlDocument(await fs.readFile(vendorFile), displayPath(vendorFile), 'vendor')
  doc.set(
    'retention',
    doc.createNode({
      mode: 'dicomweb',
      modality: 'DX',
      window: 'PT1S',
      oneShot: true,
      caBundle: 'demo-ca.pem',
      dicomweb: {url: dicomwebUrl, delete: true},
    }),
  )
  doc.set(
    'evidence',
    doc.createNode([
      {kind: 'soc2-report', path: soc2Report, title: 'SOC 2 Type 2 report (demo, fictional)'},
      {kind: 'baa', path: 'baa.txt', title: 'Business associate agreement (demo, fictional)'},
      {kind: 'dpa', path: 'dpa.txt', title: 'Data processing agreement (demo, fictional)'},
    ]),
  )
  const text = doc.toString({lineWidth: 0})
  parseOrThrow<VendorProfile>('vendor', text, displayPath(vendorFile))
  await writeFileAtomic(vendorFile, text)
}
