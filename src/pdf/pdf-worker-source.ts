/*
 * The parsing thread of the PDF text layer. Plain JavaScript evaluated by worker_threads so that it runs the same
 * from the TypeScript sources (tests) and from dist/ (the CLI). It returns raw positioned text items, each page's
 * size and label, and, when asked, the largest image painted on each page without text (a scanned page), as
 * grey pixels; lines, columns and headers are worked out in TypeScript.
 * pdf.js runs its own "worker" in this same thread (Node has no web workers), so a parser stuck in a loop can
 * only be stopped by terminating this thread: that is why parsing is not done on the main thread.
 * Images come from pdf.js's own decoders (DCT, JBIG2, CCITT, Flate) through the operator list: no canvas.
 */
export const WORKER_SOURCE = `
const {parentPort, workerData} = require('node:worker_threads')
const grey = (img) => {
  const n = img.width * img.height
  const out = new Uint8Array(n)
  const d = img.data
  if (img.kind === 1) {
    const stride = (img.width + 7) >> 3
    for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) out[y * img.width + x] = (d[y * stride + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0
  } else {
    const c = img.kind === 2 ? 3 : 4
    for (let i = 0; i < n; i++) out[i] = (d[i * c] * 77 + d[i * c + 1] * 150 + d[i * c + 2] * 29) >> 8
  }
  return out
}
const imageOf = async (pdfjs, page) => {
  const ops = await page.getOperatorList()
  const wanted = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject])
  let best
  for (let i = 0; i < ops.fnArray.length; i++) {
    if (!wanted.has(ops.fnArray[i])) continue
    const arg = ops.argsArray[i][0]
    const img = typeof arg === 'string'
      ? await new Promise((resolve) => { const store = arg.startsWith('g_') ? page.commonObjs : page.objs; try { store.get(arg, resolve) } catch { resolve(undefined) } })
      : arg
    if (!img || !img.data || !img.width || !img.height) continue
    if (img.width * img.height > workerData.maxImagePixels) continue
    if (!best || img.width * img.height > best.width * best.height) best = img
  }
  return best ? {width: best.width, height: best.height, data: grey(best)} : undefined
}
;(async () => {
  try {
    const pdfjs = await import(workerData.pdfjsUrl)
    const doc = await pdfjs.getDocument({
      data: workerData.data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
      verbosity: 0, cMapUrl: workerData.cMapDir, cMapPacked: true, stopAtErrors: false, isOffscreenCanvasSupported: false,
    }).promise
    const pageCount = doc.numPages
    if (pageCount > workerData.maxPages) {
      parentPort.postMessage({kind: 'too-many-pages', pageCount})
      return
    }
    let labels = null
    try { labels = await doc.getPageLabels() } catch { labels = null }
    const pages = []
    const transfer = []
    for (let n = 1; n <= pageCount; n++) {
      const page = await doc.getPage(n)
      const [x0, y0, x1, y1] = page.view
      const content = await page.getTextContent()
      const items = content.items.filter((i) => typeof i.str === 'string').map((i) => ({str: i.str, x: i.transform[4] - x0, y: i.transform[5] - y0, w: i.width, h: i.height || Math.abs(i.transform[3]), eol: i.hasEOL}))
      const entry = {items, width: x1 - x0, height: y1 - y0, label: labels && labels[n - 1] ? labels[n - 1] : undefined}
      if (!items.some((i) => i.str.trim() !== '')) {
        // A page with no text: is it a scan? Its pixels are only sent when OCR is asked for.
        const image = await imageOf(pdfjs, page)
        if (image) {
          entry.hasImage = true
          if (workerData.images) { entry.image = image; transfer.push(image.data.buffer) }
        }
      }
      pages.push(entry)
      page.cleanup()
    }
    await doc.destroy()
    parentPort.postMessage({kind: 'ok', pageCount, pages}, transfer)
  } catch (error) {
    parentPort.postMessage({kind: 'error', name: error && error.name, message: String(error && error.message || error)})
  }
})()
`
