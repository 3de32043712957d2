// scanvet's path from an assessment record: report model → PDF/A-3b with assessment.json attached → PAdES
// signature (ECDSA P-256, CMS with signing-certificate-v2). Usage: node bench/report-scanvet.mjs DIR
import {readFileSync, writeFileSync} from 'node:fs'

import {signedReport} from '../dist/report/produce-report.js'

const dir = process.argv[2]
const assessment = JSON.parse(readFileSync(`${dir}/assessment.json`, 'utf8'))
const key = {privateKey: readFileSync(`${dir}/key.pkcs8`), certificates: [readFileSync(`${dir}/cert.der`)]}
const r = await signedReport(assessment, {key})
writeFileSync(`${dir}/scanvet.pdf`, r.pdf)
