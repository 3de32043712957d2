import {createRequire} from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const ttfDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')

/**
 * Embedded TrueType fonts (DejaVu, shipped as an npm dependency) — never the 14 standard PDF fonts, which are
 * not embedded and break PDF/A. Passed by path: registering an alias makes pdfkit re-parse the font per cell.
 */
export const FONTS = {
  regular: path.join(ttfDir, 'DejaVuSans.ttf'),
  bold: path.join(ttfDir, 'DejaVuSans-Bold.ttf'),
  mono: path.join(ttfDir, 'DejaVuSansMono.ttf'),
} as const
