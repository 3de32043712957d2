import {Document, Packer, Paragraph, TextRun} from 'docx'

import {seededRandom} from './prng.js'
import {syntheticPdf, type Block} from './synthetic-pdf.js'

/*
 * A seeded generator of synthetic BAAs and DPAs in different drafting styles, numbering schemes and formats.
 * Each element is written present (several paraphrases), left out, or as a trap (negated, qualified, open or
 * long deadline, permission hidden in a definition, general authorisation without objection, audit limited to a
 * SOC 2 report, changed by a later amendment). The expected status of every element comes from that choice.
 * All wording is this project's own; the parties are fictional.
 */

export type Status = 'present' | 'missing' | 'contrary' | 'unclear'
export type Format = 'text' | 'docx' | 'pdf'

interface Variant {
  readonly status: Status
  readonly text: string
  /** Where the clause goes: in the body (default), a definitions clause, an exhibit. */
  readonly place?: 'definitions'
}

type Party = {V: string; P: string; D: string}
type Lib = Record<string, (p: Party) => Variant[]>

const BAA: Lib = {
  'permitted-uses': ({V, D}) => [
    {status: 'present', text: `${V} may use and disclose ${D} only as necessary to perform the image analysis services described in the Services Agreement on behalf of the Practice.`},
    {status: 'present', text: `${V} is permitted to use or disclose ${D} solely to provide the Services to the Practice, and for no purpose the Practice itself could not lawfully pursue.`},
  ],
  'no-other-use': ({V, D}) => [
    {status: 'present', text: `${V} shall not use or disclose ${D} other than as permitted by this Agreement or as required by law.`},
    {status: 'present', text: `Except as this Agreement expressly allows or the law requires, ${V} will not use or further disclose any ${D}.`},
  ],
  safeguards: ({V, D}) => [
    {status: 'present', text: `${V} shall use appropriate administrative, physical and technical safeguards to prevent any use or disclosure of ${D} not provided for by this Agreement.`},
    {status: 'present', text: `${V} will maintain safeguards that prevent the use or disclosure of ${D} otherwise than under this Agreement.`},
    {status: 'unclear', text: `${V} will maintain safeguards against misuse of ${D} to the extent commercially reasonable.`},
  ],
  'security-rule': ({V}) => [
    {status: 'present', text: `With respect to electronic protected health information, ${V} shall comply with Subpart C of 45 CFR Part 164.`},
    {status: 'present', text: `${V} will meet the requirements of the HIPAA Security Rule for all electronic PHI it creates, receives, maintains or transmits.`},
  ],
  'report-uses': ({V, D}) => [
    {status: 'present', text: `${V} shall report to the Practice any use or disclosure of ${D} not provided for by this Agreement of which it becomes aware.`},
    {status: 'present', text: `Should ${V} learn of a use or disclosure not permitted by this Agreement, it will report it to the Practice in writing.`},
    {status: 'contrary', text: `${V} shall not be required to report to the Practice uses or disclosures not permitted by this Agreement that it considers inconsequential.`},
  ],
  'security-incident': ({V}) => [
    {status: 'present', text: `${V} shall report to the Practice any security incident of which it becomes aware.`},
    {status: 'present', text: `Any security incident affecting the Practice's systems or data will be reported by ${V} to the Practice's privacy officer.`},
    {status: 'contrary', text: `${V} has no obligation to report unsuccessful attempts or any other security incident to the Practice.`},
  ],
  'breach-notice': ({V}) => [
    {status: 'present', text: `${V} shall notify the Practice of any breach of unsecured protected health information without unreasonable delay and in no case later than sixty (60) calendar days after discovery.`},
    {status: 'present', text: `Notice of a breach of unsecured PHI will be given by ${V} to the Practice without unreasonable delay and within ten (10) business days of discovery.`},
    {status: 'present', text: `${V} will notify the Practice of each breach of unsecured PHI within 30 days after discovering it.`},
    {status: 'contrary', text: `${V} will notify the Practice of a breach of unsecured PHI within ninety (90) days after discovery.`},
    {status: 'contrary', text: `${V} shall notify the Practice of any breach of unsecured PHI within a reasonable time after its discovery.`},
  ],
  subcontractors: ({V, D}) => [
    {status: 'present', text: `${V} shall ensure that any subcontractor that creates, receives, maintains or transmits ${D} on its behalf agrees in writing to the same restrictions and conditions that apply to ${V}.`},
    {status: 'present', text: `Each subcontractor of ${V} that handles ${D} will be bound by a written agreement with restrictions and conditions identical to those in this Agreement.`},
    {status: 'unclear', text: `Where feasible, ${V} will ask its subcontractors to accept the same restrictions and conditions as this Agreement.`},
  ],
  access: ({V, D}) => [
    {status: 'present', text: `${V} shall make ${D} in a designated record set available to the Practice as necessary for the Practice to meet its obligations under 45 CFR 164.524.`},
    {status: 'present', text: `At the Practice's request, ${V} will give the Practice what it needs so that an individual may inspect and obtain a copy of the individual's records.`},
  ],
  amendment: ({V, D}) => [
    {status: 'present', text: `${V} shall make ${D} available for amendment and incorporate any amendments to it as directed by the Practice under 45 CFR 164.526.`},
    {status: 'present', text: `${V} will make any amendment to protected health information in a designated record set that the Practice directs.`},
  ],
  accounting: ({V}) => [
    {status: 'present', text: `${V} shall keep and provide the information required for the Practice to give an accounting of disclosures under 45 CFR 164.528.`},
    {status: 'present', text: `${V} will document its disclosures and provide the Practice with what is needed to account for disclosures to an individual.`},
  ],
  'privacy-obligations': ({V}) => [
    {status: 'present', text: `To the extent ${V} carries out one of the Practice's obligations under Subpart E of 45 CFR Part 164, it shall comply with the requirements of Subpart E that apply to the Practice in performing that obligation.`},
    {status: 'present', text: `Where ${V} performs an obligation of the Practice under the Privacy Rule, ${V} will comply with the Privacy Rule requirements that bind the Practice.`},
  ],
  'books-records': ({V}) => [
    {status: 'present', text: `${V} shall make its internal practices, books and records available to the Secretary of Health and Human Services for determining compliance with HIPAA.`},
    {status: 'present', text: `On request, the Secretary may examine ${V}'s books and records relating to the use and disclosure of the Practice's data.`},
  ],
  'return-destroy': ({V, D}) => [
    {status: 'present', text: `Upon termination of this Agreement, ${V} shall return or destroy all ${D} it still holds; where return or destruction is infeasible, ${V} shall extend the protections of this Agreement to that information and limit further uses to the purposes that make return infeasible.`},
    {status: 'present', text: `At the end of the Services ${V} will destroy every copy of ${D}, or, if destruction is not feasible, keep protecting it under this Agreement for as long as it is held.`},
    {status: 'unclear', text: `Upon termination of this Agreement, ${V} will return or destroy the ${D} it holds.`},
  ],
  termination: ({V}) => [
    {status: 'present', text: `The Practice may terminate this Agreement if it determines that ${V} has violated a material term of this Agreement and ${V} has not cured the violation within thirty days.`},
    {status: 'present', text: `If ${V} breaches a material obligation of this Agreement, the Practice may terminate the Agreement and the Services Agreement.`},
  ],
  'no-secondary-use': ({V, D}) => [
    {status: 'present', text: `${V} shall not use ${D} to train, develop or improve any of its own models or products.`},
    {status: 'present', text: `${V} may use data to improve the Services only after de-identifying it in accordance with 45 CFR 164.514(b).`},
    {status: 'contrary', text: `${V} may use ${D} to train and improve its machine learning models and other products.`},
    {status: 'contrary', place: 'definitions', text: `"Permitted Purposes" means providing the Services and developing and training ${V}'s artificial intelligence products.`},
  ],
  'no-sale': ({V, D}) => [
    {status: 'present', text: `${V} shall not sell ${D} or receive any remuneration in exchange for it.`},
    {status: 'contrary', text: `The Practice shall receive a fee of five dollars for each study whose data ${V} retains for its research programme.`},
  ],
}

const DPA: Lib = {
  instructions: ({V}) => [
    {status: 'present', text: `${V} shall process personal data only on documented instructions from the Controller, including with regard to transfers to a third country.`},
    {status: 'present', text: `The Processor acts only on the Controller's written instructions, as recorded in Annex I.`},
  ],
  'infringing-instruction': ({V}) => [
    {status: 'present', text: `${V} shall immediately inform the Controller if, in its opinion, an instruction infringes the GDPR or other Union or Member State data protection provisions.`},
    {status: 'present', text: `Should the Processor consider an instruction unlawful, it will say so to the Controller at once.`},
  ],
  confidentiality: ({V}) => [
    {status: 'present', text: `${V} shall ensure that persons authorised to process the personal data have committed themselves to confidentiality or are under a statutory obligation of confidentiality.`},
    {status: 'present', text: `All staff who handle the images are bound to keep them confidential.`},
  ],
  security: ({V}) => [
    {status: 'present', text: `${V} shall take all measures required under Article 32 of the GDPR, described in Annex II.`},
    {status: 'present', text: `The Processor implements the technical and organisational measures listed in Annex II.`},
    {status: 'unclear', text: `The Processor will apply technical and organisational measures where practicable.`},
  ],
  'subprocessor-authorisation': ({V}) => [
    {status: 'present', text: `${V} shall not engage another processor without the prior specific written authorisation of the Controller.`},
    {status: 'present', text: `The Controller gives general written authorisation for ${V} to engage sub-processors; ${V} shall inform the Controller at least thirty days in advance of any intended change, and the Controller may object to it.`},
    {status: 'contrary', text: `The Controller grants ${V} a general authorisation to engage sub-processors of its choosing, and ${V} may add or replace them at any time.`},
  ],
  'subprocessor-flowdown': ({V}) => [
    {status: 'present', text: `Where ${V} engages a sub-processor, it shall impose on it by contract the same data protection obligations as are set out in this DPA.`},
    {status: 'present', text: `Every sub-processor will be bound by written terms with obligations equivalent to those of the Processor under this DPA.`},
  ],
  'data-subject-rights': ({V}) => [
    {status: 'present', text: `${V} shall assist the Controller by appropriate technical and organisational measures in responding to requests from a data subject to exercise their rights.`},
    {status: 'present', text: `The Processor will help the Controller answer each data subject request within the time the law allows.`},
  ],
  'assist-compliance': ({V}) => [
    {status: 'present', text: `${V} shall assist the Controller in ensuring compliance with Articles 32 to 36 of the GDPR, taking into account the nature of processing.`},
    {status: 'present', text: `The Processor will support the Controller with any data protection impact assessment and prior consultation of a supervisory authority.`},
  ],
  'deletion-return': ({V}) => [
    {status: 'present', text: `At the end of the provision of the services, ${V} shall, at the Controller's choice, delete or return all personal data and delete existing copies.`},
    {status: 'present', text: `On termination of the Main Agreement the Processor will erase all personal data and certify the erasure in writing.`},
  ],
  audits: ({V}) => [
    {status: 'present', text: `${V} shall make available all information necessary to demonstrate compliance and allow for and contribute to audits, including inspections, by the Controller or an auditor it mandates.`},
    {status: 'present', text: `The Controller may audit the Processor's facilities once a year on thirty days' notice.`},
    {status: 'contrary', text: `Any audit right of the Controller is satisfied solely by ${V} providing its most recent SOC 2 Type II report.`},
  ],
  'breach-notice': ({V}) => [
    {status: 'present', text: `${V} shall notify the Controller without undue delay after becoming aware of a personal data breach.`},
    {status: 'present', text: `The Processor will notify the Controller of any personal data breach within forty-eight (48) hours of becoming aware of it.`},
    {status: 'contrary', text: `The Processor will notify the Controller of a personal data breach within thirty (30) days.`},
    {status: 'contrary', text: `${V} shall inform the Controller of a personal data breach within a reasonable time.`},
  ],
  transfers: ({V}) => [
    {status: 'present', text: `${V} shall not transfer personal data to a third country except under the Standard Contractual Clauses (Module Three) or an adequacy decision.`},
    {status: 'present', text: `Any transfer of personal data outside the EEA relies on the EU-US Data Privacy Framework.`},
    {status: 'unclear', text: `Transfers of personal data to a third country take place under standard contractual clauses.`},
  ],
  'in-writing': () => [
    {status: 'present', text: `This DPA is concluded in writing, including in electronic form.`},
    {status: 'present', text: `The parties record this agreement in written form, including electronically.`},
  ],
}

interface Style {
  readonly name: string
  readonly number: (section: number, item: number) => string
  readonly heading: (section: number, title: string) => string
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']
const STYLES: readonly Style[] = [
  {name: 'decimal', number: (s, i) => `${s}.${i}`, heading: (s, t) => `${s}. ${t}`},
  {name: 'article', number: (s, i) => `Section ${s}.${i}`, heading: (s, t) => `Article ${ROMAN[s - 1]} ${t}`},
  {name: 'lettered', number: (_s, i) => `(${String.fromCharCode(96 + i)})`, heading: (s, t) => `${s}. ${t.toUpperCase()}`},
  {name: 'clause', number: (s, i) => `Clause ${s}.${i}`, heading: (s, t) => `${s} ${t}`},
]

const SECTIONS: Record<'baa' | 'dpa', readonly {title: string; ids: readonly string[]}[]> = {
  baa: [
    {title: 'Permitted Uses and Disclosures', ids: ['permitted-uses', 'no-other-use', 'no-secondary-use', 'no-sale']},
    {title: 'Obligations of Business Associate', ids: ['safeguards', 'security-rule', 'report-uses', 'security-incident', 'breach-notice', 'subcontractors']},
    {title: 'Individual Rights', ids: ['access', 'amendment', 'accounting', 'privacy-obligations', 'books-records']},
    {title: 'Term and Termination', ids: ['termination', 'return-destroy']},
  ],
  dpa: [
    {title: 'Processing', ids: ['instructions', 'infringing-instruction', 'confidentiality', 'security']},
    {title: 'Sub-processors', ids: ['subprocessor-authorisation', 'subprocessor-flowdown']},
    {title: 'Assistance', ids: ['data-subject-rights', 'assist-compliance', 'breach-notice']},
    {title: 'Transfers, Audits and End of Processing', ids: ['transfers', 'audits', 'deletion-return', 'in-writing']},
  ],
}

export interface CorpusAgreement {
  readonly name: string
  readonly kind: 'baa' | 'dpa'
  readonly format: Format
  readonly style: string
  readonly signed: boolean
  readonly expected: Readonly<Record<string, Status>>
  /** True for a complete control: every element present, signed. */
  readonly complete: boolean
  readonly traps: readonly string[]
  readonly bytes: Uint8Array
}

type Plan = 'complete' | 'sparse' | 'traps' | 'exhibit' | 'amended'

const VENDORS = ['Lumen Radiology AI, Inc.', 'Northwind Imaging Analytics LLC', 'Corvid Scan Systems GmbH', 'Tessellate Health Ltd.']

/** One agreement's lines, its expected statuses and its traps. */
const compose = (kind: 'baa' | 'dpa', plan: Plan, style: Style, rand: () => number, vendor: string, signed: boolean) => {
  const party: Party = kind === 'baa' ? {V: 'Business Associate', P: 'Covered Entity', D: 'PHI'} : {V: 'the Processor', P: 'the Controller', D: 'personal data'}
  if (kind === 'baa' && rand() < 0.5) party.V = 'Vendor'
  const lib = kind === 'baa' ? BAA : DPA
  const expected: Record<string, Status> = {}
  const traps: string[] = []
  const defs: string[] = []
  const body: {title: string; clauses: string[]}[] = []
  const exhibit: string[] = []
  const amendments: string[] = []
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
  let amendedOne = false
  for (const [si, sec] of SECTIONS[kind].entries()) {
    const clauses: string[] = []
    for (const id of sec.ids) {
      const variants = lib[id]!(party)
      const present = variants.filter((v) => v.status === 'present')
      const trapsOf = variants.filter((v) => v.status !== 'present')
      let v: Variant | undefined = pick(present)
      const r = rand()
      if (plan === 'sparse' && r < 0.55) v = undefined
      else if (plan === 'traps' && trapsOf.length > 0 && r < 0.6) v = pick(trapsOf)
      if (v === undefined) {
        // A prohibition element left out means no permission was granted.
        expected[id] = id === 'no-secondary-use' || id === 'no-sale' ? 'present' : 'missing'
        continue
      }
      expected[id] = v.status
      if (v.status !== 'present') traps.push(`${id}:${v.status}`)
      const text = cap(v.text)
      if (v.place === 'definitions') {
        defs.push(text)
        clauses.push(cap(`${party.V} may use ${party.D} for the Permitted Purposes.`))
      } else if (plan === 'exhibit' && si === 2) {
        exhibit.push(text)
      } else if (plan === 'amended' && !amendedOne && id === (kind === 'baa' ? 'breach-notice' : 'audits')) {
        // The body says one thing; the amendment replaces it with a trap.
        amendedOne = true
        clauses.push(text)
        const later = trapsOf[0]!
        amendments.push(`${style.number(si + 1, clauses.length)} is deleted and replaced with the following: ${cap(later.text)}`)
        expected[id] = later.status
        traps.push(`${id}:amended-${later.status}`)
      } else {
        clauses.push(text)
      }
    }
    body.push({title: sec.title, clauses})
  }
  if (plan === 'exhibit') body[2]!.clauses.push(cap(`${party.V} shall perform the obligations set out in Exhibit B.`))

  const lines: string[] = []
  const title = kind === 'baa' ? pick(['BUSINESS ASSOCIATE AGREEMENT', 'Business Associate Addendum', 'HIPAA BUSINESS ASSOCIATE AGREEMENT']) : pick(['DATA PROCESSING AGREEMENT', 'Data Processing Addendum', 'Article 28 Data Processing Terms'])
  lines.push(title, '')
  lines.push(
    kind === 'baa'
      ? `This agreement is made between Harbour Point Imaging (the "Covered Entity" or the "Practice") and ${vendor} ("${party.V}"), effective 1 March 2026.`
      : `This agreement is made between Harbour Point Imaging (the "Controller") and ${vendor} (the "Processor"), effective 1 March 2026.`,
    '',
  )
  let n = 0
  if (defs.length > 0) {
    n++
    lines.push(style.heading(n, 'Definitions'), '')
    defs.forEach((d, i) => lines.push(`${style.number(n, i + 1)} ${d}`, ''))
  }
  for (const sec of body) {
    n++
    lines.push(style.heading(n, sec.title), '')
    sec.clauses.forEach((c, i) => lines.push(`${style.number(n, i + 1)} ${c}`, ''))
  }
  if (exhibit.length > 0) {
    lines.push('Exhibit B Additional Obligations', '')
    exhibit.forEach((c, i) => lines.push(`B.${i + 1} ${c}`, ''))
  }
  if (amendments.length > 0) {
    lines.push('First Amendment', '')
    lines.push('The parties agree to amend the agreement as follows, with effect from 1 June 2026.', '')
    amendments.forEach((a) => lines.push(a, ''))
  }
  lines.push('IN WITNESS WHEREOF the parties have signed this agreement.', '')
  if (signed) lines.push('By: /s/ Morgan Ellery', 'Title: Practice Administrator', '', `By: /s/ Jordan Whitcombe`, 'Title: Chief Executive Officer')
  else lines.push('By: ______________________', 'Title: ____________________', '', 'By: ______________________', 'Title: ____________________')
  return {lines, expected, traps}
}

const toDocx = async (lines: readonly string[]): Promise<Uint8Array> => {
  const doc = new Document({sections: [{children: lines.filter((l) => l !== '').map((l) => new Paragraph({children: [new TextRun(l)]}))}]})
  return new Uint8Array(await Packer.toBuffer(doc))
}

// PDFs through the project's one synthetic-document writer (pdfkit), several pages, wrapped paragraphs.
const toPdf = async (lines: readonly string[], rand: () => number): Promise<Uint8Array> => {
  const paras = lines.filter((l) => l !== '')
  const per = 10 + Math.floor(rand() * 8)
  const pages: Block[][] = []
  for (let i = 0; i < paras.length; i += per) pages.push(paras.slice(i, i + per).map((p) => ({p})))
  return new Uint8Array(await syntheticPdf(pages, {face: rand() < 0.5 ? 'serif' : 'sans'}))
}

/** The corpus: 10 BAAs and 6 DPAs (by default), across plans, styles and formats, from one seed. */
export const generateContractCorpus = async (seed = 17, counts = {baa: 10, dpa: 6}): Promise<CorpusAgreement[]> => {
  const rand = seededRandom(seed)
  const plans: Plan[] = ['complete', 'traps', 'sparse', 'exhibit', 'amended', 'complete', 'traps', 'sparse', 'traps', 'amended']
  const formats: Format[] = ['text', 'docx', 'pdf']
  const out: CorpusAgreement[] = []
  for (const kind of ['baa', 'dpa'] as const) {
    for (let i = 0; i < counts[kind]; i++) {
      const plan = plans[i % plans.length]!
      const style = STYLES[(i + (kind === 'dpa' ? 1 : 0)) % STYLES.length]!
      const format = formats[i % formats.length]!
      const signed = !(plan === 'sparse' && i % 2 === 0)
      const {lines, expected, traps} = compose(kind, plan, style, rand, VENDORS[i % VENDORS.length]!, signed)
      const text = lines.join('\n')
      const bytes = format === 'text' ? new TextEncoder().encode(text) : format === 'docx' ? await toDocx(lines) : await toPdf(lines, rand)
      out.push({
        name: `s${seed}-${kind}-${String(i + 1).padStart(2, '0')}-${plan}-${style.name}.${format === 'text' ? 'txt' : format}`,
        kind,
        format,
        style: style.name,
        signed,
        expected,
        complete: signed && Object.values(expected).every((s) => s === 'present'),
        traps,
        bytes,
      })
    }
  }
  return out
}
