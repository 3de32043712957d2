// The PDF text layer lives in src/pdf/ (one for all of scanvet); the SOC 2 probe's imports keep working.
export {DEFAULT_PDF_LIMITS, pdfText, readPdfText, type PdfDocumentText, type PdfPage, type PdfText, type PdfTextLimits} from '../../pdf/read-pdf-text.js'
