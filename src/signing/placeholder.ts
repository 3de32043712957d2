import type PDFKit from 'pdfkit'

/** Bytes reserved for the CMS: an ECDSA signature is ~1.3 KB, RSA-3072 with a chain ~3 KB, a timestamp +~1.5–6 KB. */
export const SIGNATURE_PLACEHOLDER_BYTES = 16_384
/** What @signpdf/signpdf looks for and rewrites with the real byte range. */
const BYTE_RANGE_PLACEHOLDER = '**********'
/** PDF annotation flag "Print": PDF/A requires it on every annotation, the signature widget included. */
const ANNOTATION_PRINT = 4

interface PdfKitInternals {
  _root: {data: Record<string, unknown>}
  _acroform?: {fonts: Record<string, unknown>; defaultFont?: unknown}
  page: {dictionary: {data: {Annots?: unknown[]}}}
  ref(data: Record<string, unknown>): {end(): void}
}

export interface PlaceholderOptions {
  readonly reason: string
  readonly name: string
  readonly location?: string
  readonly contactInfo?: string
  readonly signingTime: Date
}

/**
 * Add an empty signature (a /Sig dictionary with a zero-filled /Contents and a placeholder /ByteRange), an
 * invisible signature widget on the current page, and the AcroForm that lists it. Our own small version of
 * @signpdf/placeholder-pdfkit: that package pins pdfkit 0.11 as a peer, and its widget lacks the print flag
 * PDF/A needs. Call before doc.end().
 */
export const addSignaturePlaceholder = (doc: PDFKit.PDFDocument, opts: PlaceholderOptions): void => {
  const pdf = doc as unknown as PdfKitInternals
  const signature = pdf.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER],
    Contents: new Uint8Array(SIGNATURE_PLACEHOLDER_BYTES),
    Reason: new String(opts.reason),
    M: opts.signingTime,
    Name: new String(opts.name),
    ...(opts.location ? {Location: new String(opts.location)} : {}),
    ...(opts.contactInfo ? {ContactInfo: new String(opts.contactInfo)} : {}),
  })
  const widget = pdf.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: signature,
    T: new String('Signature1'),
    F: ANNOTATION_PRINT,
    P: pdf.page.dictionary,
  })
  pdf.page.dictionary.data.Annots = [...(pdf.page.dictionary.data.Annots ?? []), widget]
  // pdfkit's doc.end() writes the AcroForm and its fields (endAcroForm), and insists on a form font: the
  // signature field has no appearance, so an empty font resource dictionary is enough.
  pdf._root.data.AcroForm = pdf.ref({Type: 'AcroForm', SigFlags: 3, Fields: [widget], DR: {Font: {}}})
  pdf._acroform = {fonts: {}, defaultFont: 'none'}
  // Like pdfkit's own annotations, the widget is written at once; endAcroForm ends only fields with kids.
  widget.end()
  signature.end()
}
