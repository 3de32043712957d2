import {it} from 'vitest'
import * as F from '../../helpers/soc2-fixtures.js'
import {syntheticPdf} from '../../helpers/synthetic-pdf.js'
import {pdfText} from '../../../src/probes/soc2/pdf-text.js'
import {extractReport} from '../../../src/probes/soc2/extract-report.js'
import {extractBridgeLetter} from '../../../src/probes/soc2/extract-letters.js'
it('dump', async () => {
  for (const [name, fx] of Object.entries(F)) {
    const pdf = await syntheticPdf(fx.pages, fx.options)
    const t0 = Date.now()
    const t = await pdfText(pdf)
    if (t.status !== 'ok') { console.log(name, t); continue }
    if (process.env.SHOWTEXT) console.log(t.pages.map((p,i)=>`--- page ${i+1}\n${p}`).join('\n'))
    const r = name === 'bridgeLetter' ? extractBridgeLetter(t.pages) : extractReport(t.pages, {textComplete: true, notAuditor: ['Northwind']})
    console.log('=====', name, Date.now()-t0, 'ms', pdf.length, 'bytes\n', JSON.stringify(r, (k, v) => k === 'excerpt' ? undefined : v, 1))
  }
}, 60000)
