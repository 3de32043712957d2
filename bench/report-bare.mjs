// The peer: a bare pdfkit script writing the same pages: the text of each page of scanvet's report (taken
// with poppler's pdftotext before timing), line by line, page for page, in the same embedded DejaVu fonts,
// headings in bold. No layout logic, tables, charts, PDF/A, attachment or signature: the floor scanvet is
// compared with. Usage: node bench/report-bare.mjs DIR   (reads DIR/pages.json, writes DIR/bare.pdf)
import {readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import PDFDocument from 'pdfkit'

const require = createRequire(import.meta.url)
const ttf = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
const regular = path.join(ttf, 'DejaVuSans.ttf')
const bold = path.join(ttf, 'DejaVuSans-Bold.ttf')
const dir = process.argv[2]
const pages = JSON.parse(readFileSync(`${dir}/pages.json`, 'utf8'))
const doc = new PDFDocument({size: 'A4', margin: 50, autoFirstPage: false})
const chunks = []
doc.on('data', (c) => chunks.push(c))
const ended = new Promise((r) => doc.on('end', r))
for (const lines of pages) {
  doc.addPage()
  const size = Math.min(9, 700 / Math.max(1, lines.length))
  // Each page's first line is its heading, bold in scanvet's report too.
  lines.forEach((line, i) => doc.font(i === 0 ? bold : regular).fontSize(size).text(line, {lineBreak: false, width: 495, height: size * 1.3}))
}
doc.end()
await ended
writeFileSync(`${dir}/bare.pdf`, Buffer.concat(chunks))
