import type {Finding} from '../model/finding.js'
import {loadCatalogue, type AgreementKind} from './catalogue.js'
import {guessKind, judgeElements, signatureOf, type ElementResult, type Signature} from './judge.js'
import {segment} from './segment.js'
import {readAgreementText} from './text-source.js'

export type AgreementCheck =
  | {readonly status: 'ok'; readonly kind: AgreementKind; readonly source: string; readonly format: string; readonly ocr: boolean; readonly signature: Signature; readonly elements: readonly ElementResult[]; readonly text: string}
  | {readonly status: 'error'; readonly kind: AgreementKind; readonly source: string; readonly reason: string}

/** Read one agreement and judge every element of its kind's catalogue. Never throws on a bad document. */
export const checkAgreement = async (bytes: Uint8Array, source: string, kind: AgreementKind | 'auto' = 'auto'): Promise<AgreementCheck> => {
  const t = await readAgreementText(bytes, source)
  if (t.status === 'error') return {status: 'error', kind: kind === 'auto' ? 'baa' : kind, source, reason: t.reason}
  const sentences = segment(t.pages)
  if (sentences.length === 0) return {status: 'error', kind: kind === 'auto' ? 'baa' : kind, source, reason: 'the document has no text'}
  const k = kind === 'auto' ? guessKind(sentences) : kind
  return {status: 'ok', kind: k, source, format: t.format, ocr: t.ocr, signature: signatureOf(sentences), elements: judgeElements(loadCatalogue(k), sentences), text: sentences.map((s) => s.text).join('\n')}
}

const STATUS: Record<ElementResult['status'], 'pass' | 'fail' | 'warn'> = {present: 'pass', missing: 'fail', contrary: 'fail', unclear: 'warn'}

/**
 * Findings for the verdict: one overall `contract-<kind>` finding per agreement (pass = signed and every element
 * present), and one `contract-<kind>.<element>` finding per element with the deciding quote and its place.
 */
export const agreementFindings = (r: AgreementCheck): Finding[] => {
  const cat = loadCatalogue(r.kind)
  const ruleId = `contract-${r.kind}`
  const common = {source: 'check' as const, area: 'agreements', target: r.source}
  if (r.status === 'error') {
    return [{...common, id: `${ruleId}@${r.source}`, ruleId, title: cat.title, severity: 'critical', status: 'error', reason: r.reason, message: `The ${cat.title.toLowerCase()} could not be read: ${r.reason}.`}]
  }
  const perElement: Finding[] = r.elements.map((e) => ({
    ...common,
    id: `${ruleId}.${e.id}@${r.source}`,
    ruleId: `${ruleId}.${e.id}`,
    title: e.title,
    severity: e.severity,
    status: STATUS[e.status],
    message: `${e.title}: ${e.status} (${e.why}).`,
    references: [e.provision],
    ...(e.status === 'present' ? {} : {remediation: e.remedy}),
    evidence: {element: e.id, status: e.status, ...(e.quote ? {quote: e.quote} : {}), ...(e.page ? {page: e.page} : {}), ...(e.clause ? {clause: e.clause} : {}), why: e.why},
  }))
  const bad = r.elements.filter((e) => e.status === 'missing' || e.status === 'contrary')
  const unclear = r.elements.filter((e) => e.status === 'unclear')
  const status = !r.signature.signed || bad.length > 0 ? 'fail' : unclear.length > 0 ? 'warn' : 'pass'
  const problems = [...(r.signature.signed ? [] : ['not signed']), ...bad.map((e) => `${e.id} ${e.status}`), ...unclear.map((e) => `${e.id} unclear`)]
  const overall: Finding = {
    ...common,
    id: `${ruleId}@${r.source}`,
    ruleId,
    title: cat.title,
    severity: 'critical',
    status,
    message: status === 'pass' ? `Signed ${cat.title.toLowerCase()} with every required element.` : `${cat.title}: ${problems.join('; ')}.`,
    ...(status === 'pass'
      ? {}
      : {
          remediation: `Ask the vendor for ${r.signature.signed ? 'an amended' : 'a signed'} ${cat.title.toLowerCase()}${bad.length + unclear.length > 0 ? ` that ${[...bad, ...unclear].map((e) => e.title.charAt(0).toLowerCase() + e.title.slice(1)).join('; ')} clauses are added or corrected` : ''}: the clause findings below say what each must say.`,
        }),
    references: [r.kind === 'baa' ? '45 CFR 164.504(e)' : 'GDPR Art. 28(3)'],
    evidence: {format: r.format, ocr: r.ocr, signed: r.signature.signed, ...(r.signature.quote ? {signatureQuote: r.signature.quote, signaturePage: r.signature.page} : {}), present: r.elements.length - bad.length - unclear.length, elements: r.elements.length},
  }
  return [overall, ...perElement]
}
