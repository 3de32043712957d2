// Writes a synthetic SOC 2 Type II report of about 60 pages (the length of a real one) for bench/soc2-extract.sh.
import {createWriteStream} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import PDFDocument from 'pdfkit'

const require = createRequire(import.meta.url)
const ttf = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
const [out, pages = '60'] = process.argv.slice(2)
const doc = new PDFDocument({size: 'LETTER', margin: 60})
doc.pipe(createWriteStream(out))
doc.font(path.join(ttf, 'DejaVuSans.ttf')).fontSize(16).text('SOC 2® Type 2 Report')
doc.fontSize(10).text('Report on Bench Imaging AI, Inc.’s Description of Its Radiology AI Platform System relevant to Security, Availability, and Confidentiality')
doc.text('For the period October 1, 2025 through September 30, 2026')
doc.addPage().text('Independent Service Auditor’s Report').text('In our opinion, in all material respects, the controls operated effectively throughout the period October 1, 2025 to September 30, 2026.').text('Halvorsen & Pike LLP')
doc.addPage().text('Complementary User Entity Controls').text('• User entities are responsible for removing leavers’ access to the portal promptly.')
for (let p = 4; p <= Number(pages); p++) {
  doc.addPage().text(`Tests of Operating Effectiveness (continued, page ${p})`)
  for (let r = 0; r < 14; r++) {
    const y = doc.y
    doc.text(`CC${(r % 9) + 1}.${(r % 4) + 1}`, 60, y, {width: 50})
    doc.text('The entity restricts logical access to production systems to authorised personnel with multi-factor authentication.', 120, y, {width: 170})
    doc.text('Inspected the access listing and a sample of 25 changes.', 300, y, {width: 150})
    doc.text('No exceptions noted.', 460, y, {width: 90})
    doc.x = 60
    doc.moveDown(1.2)
  }
}
doc.end()
