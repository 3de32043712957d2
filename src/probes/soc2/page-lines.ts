// Line building lives in the PDF text layer (src/pdf/page-layout.ts); re-exported for the extractors.
export {CELL, pageLines, type TextItem} from '../../pdf/page-layout.js'
