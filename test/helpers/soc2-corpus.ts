import PDFDocument from 'pdfkit'

import {FONTS} from '../../src/report/fonts.js'
import type {Category, Opinion, ReportType} from '../../src/probes/soc2/soc2-types.js'
import {seededRandom} from './prng.js'
import {blankCanvas, canvasJpeg, drawText, textWidth} from './raster-text.js'

/*
 * A corpus of synthetic SOC 2 reports by ten made-up audit firms, each firm with its own house style: page size,
 * typeface, section order and numbering, date grammar, where and how each fact is stated, table style, running
 * headers, front matter numbered in roman, two-column and landscape sections. Facts are drawn from a seeded PRNG
 * and the expected result of every report (value and page) is recorded by the generator as it lays the page
 * out. Every organisation, product and firm is invented; no real report's wording is reproduced.
 */

type Page = {blocks: Block[]; landscape?: boolean}
type Block =
  | {h: string}
  | {p: string}
  | {bullets: string[]; marker: string}
  | {table: string[][]; widths: number[]; grid: boolean}
  | {columns: string[]}
  | {lines: string[]}

export interface Expected {
  readonly type: {value: ReportType; page: number}
  readonly period?: {start: string; end: string; page: number}
  /** The period is written with numeric dates that read both ways and the report states no order: flagged, not read. */
  readonly ambiguousPeriod?: {page: number}
  readonly asOf?: {value: string; page: number}
  readonly serviceOrganisation: {value: string; page: number}
  readonly system: {value: string; page: number}
  readonly auditor: {value: string; page: number}
  readonly opinion: {value: Opinion; page: number; basis?: string}
  readonly categories: {value: Category[]; page: number}
  readonly subservice: {status: 'none'} | {status: 'listed'; organisations: {name: string; method: 'carve-out' | 'inclusive'}[]; page: number}
  readonly cuecs: {status: 'listed'; items: string[]; page: number} | {status: 'none-required'; page: number}
  readonly exceptions?: {criteria: string[]; page: number}[]
}

export type CorpusDoc =
  | {readonly name: string; readonly style: string; readonly kind: 'report'; readonly bytes: Buffer; readonly expected: Expected}
  | {readonly name: string; readonly style: string; readonly kind: 'scan'; readonly bytes: Buffer; readonly expected: Pick<Expected, 'type' | 'period' | 'opinion'>}
  | {readonly name: string; readonly style: string; readonly kind: 'encrypted' | 'corrupt'; readonly bytes: Buffer}
  | {readonly name: string; readonly style: string; readonly kind: 'bridge'; readonly bytes: Buffer; readonly expected: {issuer: string; date: string; coversFrom: string; coversThrough: string}}

type DateStyle = 'us-long' | 'eu-long' | 'iso' | 'dmy' | 'mdy' | 'ordinal'

interface Style {
  readonly id: string
  readonly firm: string
  readonly city: string
  readonly size: 'LETTER' | 'A4'
  readonly face: 'sans' | 'serif'
  readonly numbering: 'roman' | 'arabic' | 'section'
  readonly dates: DateStyle
  readonly categories: 'inline' | 'bulleted' | 'table'
  readonly system: 'quoted' | 'label' | 'title'
  readonly org: 'title' | 'label' | 'salutation'
  readonly cuecs: 'bullets' | 'numbered' | 'table' | 'two-column'
  readonly tests: 'grid' | 'heading-row'
  readonly header: boolean
  readonly romanFront: boolean
  readonly landscapeTests: boolean
  /** Description before the auditor's report (some firms put management's material first). */
  readonly descriptionFirst: boolean
}

const STYLES: readonly Style[] = [
  {id: 'marlowe', firm: 'Marlowe Quist CPAs, P.C.', city: 'Denver, Colorado', size: 'LETTER', face: 'serif', numbering: 'roman', dates: 'us-long', categories: 'inline', system: 'quoted', org: 'title', cuecs: 'bullets', tests: 'grid', header: true, romanFront: true, landscapeTests: false, descriptionFirst: false},
  {id: 'fennick', firm: 'Fennick & Oduya LLP', city: 'London, United Kingdom', size: 'A4', face: 'sans', numbering: 'arabic', dates: 'dmy', categories: 'bulleted', system: 'label', org: 'label', cuecs: 'numbered', tests: 'heading-row', header: true, romanFront: false, landscapeTests: false, descriptionFirst: false},
  {id: 'calder', firm: 'Calder Brandt Assurance, LLC', city: 'Austin, Texas', size: 'LETTER', face: 'sans', numbering: 'section', dates: 'mdy', categories: 'table', system: 'title', org: 'salutation', cuecs: 'table', tests: 'grid', header: false, romanFront: false, landscapeTests: true, descriptionFirst: true},
  {id: 'vastergaard', firm: 'Vastergaard Revision GmbH', city: 'Hamburg, Germany', size: 'A4', face: 'serif', numbering: 'arabic', dates: 'eu-long', categories: 'inline', system: 'quoted', org: 'salutation', cuecs: 'two-column', tests: 'heading-row', header: true, romanFront: true, landscapeTests: false, descriptionFirst: false},
  {id: 'ochoa', firm: 'Ochoa Pell & Tran, PLLC', city: 'Phoenix, Arizona', size: 'LETTER', face: 'serif', numbering: 'section', dates: 'iso', categories: 'bulleted', system: 'quoted', org: 'title', cuecs: 'bullets', tests: 'heading-row', header: true, romanFront: false, landscapeTests: true, descriptionFirst: false},
  {id: 'harrow', firm: 'Harrow Lind Chartered Accountants', city: 'Toronto, Ontario', size: 'LETTER', face: 'sans', numbering: 'roman', dates: 'ordinal', categories: 'table', system: 'label', org: 'label', cuecs: 'numbered', tests: 'grid', header: false, romanFront: true, landscapeTests: false, descriptionFirst: true},
  {id: 'sorensen', firm: 'Sorensen Achebe LLP', city: 'Chicago, Illinois', size: 'LETTER', face: 'sans', numbering: 'arabic', dates: 'us-long', categories: 'bulleted', system: 'title', org: 'title', cuecs: 'two-column', tests: 'grid', header: true, romanFront: false, landscapeTests: false, descriptionFirst: false},
  {id: 'pembury', firm: 'Pembury Vale Audit Ltd', city: 'Dublin, Ireland', size: 'A4', face: 'sans', numbering: 'section', dates: 'dmy', categories: 'table', system: 'quoted', org: 'salutation', cuecs: 'bullets', tests: 'heading-row', header: true, romanFront: true, landscapeTests: true, descriptionFirst: false},
  {id: 'idris', firm: 'Idris Kowalczyk CPAs, P.A.', city: 'Miami, Florida', size: 'LETTER', face: 'serif', numbering: 'arabic', dates: 'mdy', categories: 'inline', system: 'label', org: 'title', cuecs: 'table', tests: 'grid', header: true, romanFront: false, landscapeTests: false, descriptionFirst: true},
  {id: 'thornquist', firm: 'Thornquist Mbeki Assurance LLP', city: 'Seattle, Washington', size: 'A4', face: 'serif', numbering: 'roman', dates: 'eu-long', categories: 'bulleted', system: 'title', org: 'label', cuecs: 'numbered', tests: 'heading-row', header: false, romanFront: false, landscapeTests: false, descriptionFirst: false},
]

const ORGS = ['Quillon Diagnostics, Inc.', 'Brightfen Radiology Labs, Inc.', 'Corvane Health Imaging, LLC', 'Lumatrace Medical AI, Inc.', 'Ostrava Vision Systems Ltd.', 'Penwith Scan Analytics, Inc.']
const SYSTEMS = ['Tessera Imaging Platform', 'Radiant Triage Service', 'Clearview Reading Cloud', 'Meridian Mammography Suite', 'Halo Chest AI Platform', 'Atlas DICOM Exchange']
const SUBSERVICE = ['Cobaltline Hosting, Inc.', 'Nimbus Vault Storage, Inc.', 'Amazon Web Services', 'Kestrel Datacenters, LLC']
const CUEC_POOL = [
  'User entities are responsible for removing access for their staff who leave, within one business day.',
  'Customers are responsible for keeping their API credentials secret and rotating them when staff change.',
  'User entities are responsible for sending only the imaging studies they are permitted to disclose.',
  'Customers are responsible for reviewing model outputs before they are used for a clinical decision.',
  'User entities are responsible for configuring single sign-on and enforcing multi-factor authentication for their users.',
  'Customers are responsible for notifying the service organization of suspected security incidents promptly.',
  'User entities are responsible for the accuracy of patient worklists they upload to the platform.',
]
const CRITERIA = ['CC6.1', 'CC6.2', 'CC6.7', 'CC7.2', 'CC8.1', 'A1.2', 'C1.1', 'CC3.2', 'CC5.1']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

const pad = (n: number) => String(n).padStart(2, '0')
const ordinal = (d: number) => `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`

export const writeDate = (iso: string, style: DateStyle): string => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  switch (style) {
    case 'us-long':
      return `${MONTHS[m - 1]} ${d}, ${y}`
    case 'eu-long':
      return `${d} ${MONTHS[m - 1]} ${y}`
    case 'iso':
      return iso
    case 'dmy':
      return `${pad(d)}/${pad(m)}/${y}`
    case 'mdy':
      return `${pad(m)}/${pad(d)}/${y}`
    case 'ordinal':
      return `${ordinal(d)} ${MONTHS[m - 1]} ${y}`
  }
}

const DATE_STATEMENT: Partial<Record<DateStyle, string>> = {
  dmy: 'All dates in this report are written day first, in the format DD/MM/YYYY.',
  mdy: 'Dates in this report are presented in MM/DD/YYYY format.',
}

const roman = (n: number): string => ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'][n - 1] ?? String(n)

const addDaysIso = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

interface Spec {
  style: Style
  org: string
  short: string
  system: string
  type: ReportType
  start: string
  end: string
  reportDate: string
  opinion: Opinion
  categories: Category[]
  subservice: {name: string; method: 'carve-out' | 'inclusive'}[]
  cuecs: string[]
  exceptions: string[]
  twelveMonthsEnded: boolean
  /** The report says how it writes numeric dates (styles that use them do, but for one report of the corpus). */
  statesOrder: boolean
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
const sample = <T>(r: () => number, xs: readonly T[], n: number): T[] => [...xs].sort(() => r() - 0.5).slice(0, n)

const specFor = (style: Style, r: () => number, i: number): Spec => {
  const org = ORGS[(STYLES.indexOf(style) + i * 3) % ORGS.length]!
  const type: ReportType = i % 2 === 1 && STYLES.indexOf(style) % 3 === 0 ? 'Type I' : 'Type II'
  const year = 2025
  // Day ≤ 12 on both ends when the style says its order: the reader must use the statement, not guess.
  const startMonth = pick(r, [1, 4, 7, 10])
  const start = `${year}-${pad(startMonth)}-01`
  const end = addDaysIso(`${year + 1}-${pad(startMonth)}-01`, -1)
  const opinion: Opinion = pick(r, ['unqualified', 'unqualified', 'unqualified', 'qualified', 'adverse'] as const)
  const optional: Category[] = ['Availability', 'Processing Integrity', 'Confidentiality', 'Privacy']
  const categories: Category[] = ['Security', ...optional.filter(() => r() < 0.5)]
  const nSub = Math.floor(r() * 3)
  const subservice = sample(r, SUBSERVICE, nSub).map((name) => ({name, method: r() < 0.6 ? ('carve-out' as const) : ('inclusive' as const)}))
  const cuecs = r() < 0.2 ? [] : sample(r, CUEC_POOL, 2 + Math.floor(r() * 4))
  const exceptions = type === 'Type I' ? [] : opinion === 'unqualified' ? (r() < 0.4 ? sample(r, CRITERIA, 1) : []) : sample(r, CRITERIA, 1 + Math.floor(r() * 2))
  return {
    style,
    org,
    short: org.split(' ')[0]!,
    system: pick(r, SYSTEMS),
    type,
    start,
    end,
    reportDate: addDaysIso(end, 30 + Math.floor(r() * 40)),
    opinion,
    categories,
    subservice,
    cuecs,
    exceptions,
    twelveMonthsEnded: style.dates === 'us-long' && i === 1,
    statesOrder: true,
  }
}

const typeWord = (s: Spec) => {
  const roman2 = s.style.numbering === 'roman' || s.style.id === 'fennick'
  return s.type === 'Type II' ? (roman2 ? 'Type II' : 'Type 2') : roman2 ? 'Type I' : 'Type 1'
}

const catList = (cs: readonly string[]) => (cs.length === 1 ? cs[0]! : `${cs.slice(0, -1).join(', ')}${cs.length > 2 ? ',' : ''} and ${cs.at(-1)}`)

const heading = (s: Spec, n: number, title: string): string =>
  s.style.numbering === 'roman' ? `${['I', 'II', 'III', 'IV', 'V'][n - 1]}. ${title}` : s.style.numbering === 'section' ? `Section ${n} – ${title}` : `${n}. ${title}`

/** The report's pages and what a correct reader finds on them. */
const build = (s: Spec): {pages: Page[]; expected: Expected} => {
  const d = (iso: string) => writeDate(iso, s.style.dates)
  const span = s.type === 'Type I' ? `as of ${d(s.end)}` : s.twelveMonthsEnded ? `for the twelve months ended ${d(s.end)}` : `for the period ${d(s.start)} to ${d(s.end)}`
  const throughout = s.type === 'Type I' ? `as of ${d(s.end)}` : `throughout the period ${d(s.start)} to ${d(s.end)}`
  const pages: Page[] = []
  const e: Partial<Record<keyof Expected, unknown>> = {}

  // Cover
  const cover: Block[] = [{h: `System and Organization Controls (SOC) 2 ${typeWord(s)} Report`}]
  if (s.style.org === 'title') cover.push({p: `Report on ${s.org}’s Description of Its System and on the Suitability of the Design${s.type === 'Type II' ? ' and Operating Effectiveness' : ''} of Its Controls`})
  else if (s.style.org === 'label') cover.push({lines: [`Service organization: ${s.org}`]})
  else cover.push({p: 'Report on a service organization’s description of its system and its controls'})
  if (s.style.system === 'title') cover.push({lines: [`System: ${s.system}`]})
  cover.push({p: s.type === 'Type I' ? `As of ${d(s.end)}` : s.twelveMonthsEnded ? `For the twelve months ended ${d(s.end)}` : `Examination period: ${d(s.start)} through ${d(s.end)}`})
  if (DATE_STATEMENT[s.style.dates] && s.statesOrder) cover.push({p: DATE_STATEMENT[s.style.dates]!})
  pages.push({blocks: cover})
  e.type = {value: s.type, page: 1}
  const numeric = s.style.dates === 'dmy' || s.style.dates === 'mdy'
  const readsBothWays = (iso: string) => Number(iso.slice(8)) <= 12 && Number(iso.slice(8)) !== Number(iso.slice(5, 7))
  if (numeric && !s.statesOrder && (readsBothWays(s.start) || readsBothWays(s.end)) && ![s.start, s.end].some((d) => Number(d.slice(8)) > 12)) e.ambiguousPeriod = {page: 1}
  else if (s.type === 'Type I') e.asOf = {value: s.end, page: 1}
  else e.period = {start: s.start, end: s.end, page: 1}
  if (s.style.org !== 'salutation') e.serviceOrganisation = {value: s.org, page: 1}
  if (s.style.system === 'title') e.system = {value: s.system, page: 1}

  // Table of contents: mentions of exceptions and CUECs that are not facts.
  pages.push({
    blocks: [
      {h: 'Contents'},
      {lines: ['Independent Service Auditor’s Report ........ 1', 'Management’s Assertion ........ 4', 'Complementary User Entity Controls ........ 9', 'Exceptions Noted: 0 ........ 12', 'Tests of Controls and Results ........ 14']},
    ],
  })

  const auditorPages = (): Page[] => {
    const out: Page[] = []
    const salutation = `To the Board of Directors of ${s.org}:`
    const systemRef = s.style.system === 'quoted' ? `${s.system} (the “system”)` : 'its system'
    const cats = s.style.categories === 'inline' ? ` based on the trust services criteria relevant to ${catList(s.categories.map((c) => c.toLowerCase()))} (applicable trust services criteria)` : ' based on the applicable trust services criteria set out in the description'
    const scope = `We have examined the accompanying description of ${systemRef} of ${s.short} ${throughout}, and the suitability of the design${s.type === 'Type II' ? ' and operating effectiveness' : ''} of controls stated in the description${cats}.`
    const blocks: Block[] = [{h: heading(s, 1, 'Independent Service Auditor’s Report')}, {p: salutation}, {h: 'Scope'}, {p: scope}]
    out.push({blocks})
    const page = () => pages.length + out.length
    if (s.style.org === 'salutation') e.serviceOrganisation = {value: s.org, page: page()}
    if (s.style.system === 'quoted') e.system = {value: s.system, page: page()}
    if (s.style.categories === 'inline') e.categories = {value: s.categories, page: page()}
    const second: Block[] = [{h: 'Service Auditor’s Responsibilities'}, {p: 'Our responsibility is to express an opinion on the description and on the controls, based on our examination. We conducted it in accordance with attestation standards established by the AICPA.'}]
    let basis: string | undefined
    if (s.opinion !== 'unqualified') {
      const c = s.exceptions[0] ?? 'CC6.1'
      basis = `controls over ${c === 'CC6.1' ? 'logical access' : 'the criterion'} ${c} did not operate effectively`
      second.push({h: s.opinion === 'adverse' ? 'Basis for Adverse Opinion' : 'Basis for Qualified Opinion'}, {p: `Our tests found that ${basis} during the period, as described in the tests of controls.`})
    }
    second.push({h: 'Opinion'})
    if (s.opinion === 'unqualified') second.push({p: `In our opinion, in all material respects, the description presents the system that was designed and implemented ${throughout}, and the controls stated in the description were suitably designed${s.type === 'Type II' ? ' and operated effectively' : ''}.`})
    else if (s.opinion === 'qualified') second.push({p: `In our opinion, except for the matter described in the preceding paragraph, in all material respects, the controls stated in the description were suitably designed and operated effectively ${throughout}.`})
    else second.push({p: `In our opinion, because of the significance of the matter described in the preceding paragraph, the controls stated in the description did not operate effectively ${throughout}.`})
    second.push({lines: [s.style.firm, s.style.city, d(s.reportDate)]})
    out.push({blocks: second})
    const op = pages.length + out.length
    e.opinion = {value: s.opinion, page: op, ...(basis ? {basis} : {})}
    e.auditor = {value: s.style.firm, page: op}
    return out
  }

  const descriptionPages = (): Page[] => {
    const out: Page[] = []
    const first: Block[] = [{h: heading(s, 3, `${s.short}’s Description of Its System`)}]
    if (s.style.system === 'label') first.push({lines: [`System name: ${s.system}`]})
    first.push({p: `${s.org} provides image analysis to hospitals and imaging practices. Studies arrive over DICOMweb, are processed in isolated workers, and results are returned to the customer’s reading worklist.`})
    const catsHere = s.style.categories !== 'inline'
    if (s.style.categories === 'bulleted') first.push({p: 'The trust services categories addressed by this report are:'}, {bullets: s.categories, marker: '•'})
    if (s.style.categories === 'table')
      first.push({p: 'Trust services categories in scope of the examination:'}, {table: [['Category', 'In scope'], ...(['Security', 'Availability', 'Processing Integrity', 'Confidentiality', 'Privacy'] as const).map((c) => [c, s.categories.includes(c) ? 'Yes' : 'No'])], widths: [0.4, 0.2], grid: true})
    out.push({blocks: first})
    const p1 = pages.length + out.length
    if (s.style.system === 'label') e.system = {value: s.system, page: p1}
    if (catsHere) e.categories = {value: s.categories, page: p1}

    const sub: Block[] = [{h: 'Subservice Organizations'}]
    if (s.subservice.length === 0) sub.push({p: `${s.short} does not use any subservice organizations to provide the system; it operates its own equipment in two leased cages.`})
    for (const o of s.subservice) {
      if (o.method === 'carve-out') sub.push({p: `${s.short} uses ${o.name} as a subservice organization for hosting. The description uses the carve-out method: it excludes the controls of ${o.name}.`})
      else sub.push({p: `${o.name}, a subservice organization, operates the storage tier. The description includes the controls of ${o.name} (the inclusive method).`})
    }
    out.push({blocks: sub})
    if (s.subservice.length > 0) e.subservice = {status: 'listed', organisations: s.subservice, page: pages.length + out.length}
    else e.subservice = {status: 'none'}

    const cuecBlocks: Block[] = []
    const title = 'Complementary User Entity Controls'
    if (s.cuecs.length === 0) {
      cuecBlocks.push({h: title}, {p: `${s.short} has not identified any complementary user entity controls that are needed to meet the applicable criteria.`})
    } else if (s.style.cuecs === 'bullets') cuecBlocks.push({h: title}, {p: 'The controls were designed assuming that user entities operate the following controls:'}, {bullets: s.cuecs, marker: '•'})
    else if (s.style.cuecs === 'numbered') cuecBlocks.push({h: title}, {bullets: s.cuecs, marker: 'n'})
    else if (s.style.cuecs === 'table') cuecBlocks.push({h: title}, {table: [['#', 'Complementary User Entity Control', 'Criteria'], ...s.cuecs.map((c, k) => [String(k + 1), c, CRITERIA[k % 3]!])], widths: [0.08, 0.7, 0.2], grid: s.style.tests === 'grid'})
    else cuecBlocks.push({columns: [`The following paragraphs describe how ${s.short} secures the platform: hardened images, encrypted disks, and reviewed changes. Operational monitoring is continuous and alerts reach the on-call engineer within minutes. Backups are tested every quarter.`, `${title}`, ...s.cuecs.map((c) => `• ${c}`)]})
    cuecBlocks.push({h: heading(s, 4, 'Other Information Provided by Management')}, {p: 'Management’s roadmap for the coming year is not part of the description and has not been examined.'})
    out.push({blocks: cuecBlocks})
    e.cuecs = s.cuecs.length === 0 ? {status: 'none-required', page: pages.length + out.length} : {status: 'listed', items: s.cuecs, page: pages.length + out.length}
    return out
  }

  const testPages = (): Page[] => {
    if (s.type === 'Type I') return []
    const rows = [['Criteria', 'Control Activity', 'Test Applied by the Service Auditor', 'Results']]
    const excepted: {criteria: string[]; page: number}[] = []
    for (const c of CRITERIA) {
      const has = s.exceptions.includes(c)
      rows.push([c, `Control for ${c}: access, change and monitoring activities are performed and reviewed.`, 'Inspected a sample of 25 occurrences and the supporting records.', has ? (s.style.tests === 'grid' ? 'Exception noted. For 2 of 25 samples the review was not evidenced.' : 'Deviation identified: 3 of 25 samples lacked approval.') : 'No exceptions noted.'])
    }
    const half = Math.ceil(rows.length / 2)
    const pageA = [rows[0]!, ...rows.slice(1, half)]
    const pageB = [rows[0]!, ...rows.slice(half)]
    const out: Page[] = [pageA, pageB].map((t, k) => ({
      landscape: s.style.landscapeTests,
      blocks: [...(k === 0 ? [{h: heading(s, 5, 'Tests of Controls and Results')} as Block] : []), {table: t, widths: [0.1, 0.35, 0.35, 0.2], grid: s.style.tests === 'grid'}],
    }))
    ;[pageA, pageB].forEach((t, k) => {
      for (const row of t.slice(1)) if (s.exceptions.includes(row[0]!)) excepted.push({criteria: [row[0]!], page: pages.length + k + 1})
    })
    e.exceptions = excepted
    return out
  }

  const assertion: Page = {blocks: [{h: heading(s, 2, 'Management’s Assertion')}, {p: `We have prepared the accompanying description of the system of ${s.short}. We confirm, to the best of our knowledge and belief, that the description presents the system fairly.`}]}
  if (s.style.descriptionFirst) {
    pages.push(assertion)
    pages.push(...descriptionPages())
    pages.push(...auditorPages())
  } else {
    pages.push(...auditorPages())
    pages.push(assertion)
    pages.push(...descriptionPages())
  }
  pages.push(...testPages())
  return {pages, expected: e as unknown as Expected}
}

const FACES = {sans: [FONTS.regular, FONTS.bold], serif: [FONTS.regular.replace('DejaVuSans.ttf', 'DejaVuSerif.ttf'), FONTS.bold.replace('DejaVuSans-Bold.ttf', 'DejaVuSerif-Bold.ttf')]} as const

const render = async (s: Style, pages: readonly Page[], header: string | undefined, opts: {userPassword?: string} = {}): Promise<Buffer> => {
  const [regular, bold] = FACES[s.face]
  const doc = new PDFDocument({
    size: s.size,
    margin: 64,
    autoFirstPage: false,
    info: {Title: 'Synthetic SOC 2 report (test corpus)', CreationDate: new Date('2026-01-01T00:00:00Z'), ModDate: new Date('2026-01-01T00:00:00Z')},
    ...(opts.userPassword ? {userPassword: opts.userPassword, ownerPassword: `${opts.userPassword}-o`, pdfVersion: '1.7ext3' as const} : {}),
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  pages.forEach((page, n) => {
    doc.addPage({size: s.size, layout: page.landscape ? 'landscape' : 'portrait', margin: 64})
    const width = doc.page.width - 128
    const front = s.romanFront && n < 2
    const label = front ? roman(n + 1) : String(s.romanFront ? n - 1 : n + 1)
    // Running text sits in the margins; pdfkit would start a new page for text below the bottom margin.
    doc.page.margins.bottom = 0
    if (header && n > 0) {
      doc.font(regular).fontSize(8).text(header, 64, 30, {width, lineBreak: false})
      doc.font(regular).fontSize(8).text(`Page ${label}`, 64, doc.page.height - 40, {width, align: 'center', lineBreak: false})
    } else if (n > 0) {
      doc.font(regular).fontSize(8).text(label, 64, doc.page.height - 40, {width, align: 'right', lineBreak: false})
    }
    doc.page.margins.bottom = 64
    doc.x = 64
    doc.y = 72
    for (const b of page.blocks) {
      if ('h' in b) doc.font(bold).fontSize(13).text(b.h, {width}).moveDown(0.4)
      else if ('p' in b) doc.font(regular).fontSize(10).text(b.p, {width}).moveDown(0.6)
      else if ('lines' in b) for (const l of b.lines) doc.font(regular).fontSize(10).text(l, {width})
      else if ('bullets' in b) {
        b.bullets.forEach((item, k) => doc.font(regular).fontSize(10).text(`${b.marker === 'n' ? `${k + 1}.` : b.marker} ${item}`, {width}).moveDown(0.2))
        doc.moveDown(0.4)
      } else if ('columns' in b) {
        // Two columns: the left one is prose, the right one starts with a heading level with a prose line.
        const colW = (width - 20) / 2
        const top = doc.y
        doc.font(regular).fontSize(10).text(b.columns[0]!, 64, top, {width: colW})
        const leftEnd = doc.y
        doc.font(bold).fontSize(10).text(b.columns[1]!, 64 + colW + 20, top, {width: colW})
        for (const item of b.columns.slice(2)) doc.font(regular).fontSize(10).text(item, 64 + colW + 20, doc.y, {width: colW}).moveDown(0.2)
        doc.x = 64
        doc.y = Math.max(leftEnd, doc.y) + 10
      } else {
        const x0 = 64
        for (const [r, row] of b.table.entries()) {
          const y = doc.y
          let x = x0
          let bottom = y
          row.forEach((cell, i) => {
            const w = b.widths[i]! * width - 10
            doc.font(r === 0 ? bold : regular).fontSize(9).text(cell, x + 4, y + 3, {width: w})
            bottom = Math.max(bottom, doc.y)
            x += b.widths[i]! * width
          })
          if (b.grid) {
            let gx = x0
            for (const w of b.widths) {
              doc.rect(gx, y, w * width, bottom - y + 6).lineWidth(0.5).stroke()
              gx += w * width
            }
          } else if (r === 0) doc.moveTo(x0, bottom + 4).lineTo(x0 + width, bottom + 4).lineWidth(0.8).stroke()
          doc.x = x0
          doc.y = bottom + 8
        }
        doc.moveDown(0.6)
      }
    }
  })
  doc.end()
  await ended
  return Buffer.concat(chunks)
}

/** A page of text drawn as an image (150 dpi) and put in a PDF with no text layer: a scanned report. */
export const renderScan = async (lines: readonly (readonly string[])[]): Promise<Buffer> => {
  const doc = new PDFDocument({size: 'LETTER', margin: 0, autoFirstPage: false, info: {CreationDate: new Date('2026-01-01T00:00:00Z')}})
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  for (const page of lines) {
    const c = blankCanvas(1275, 1650)
    let y = 160
    for (const text of page) {
      // Wrap at the text width, as a typewriter page would.
      let line = ''
      for (const word of text.split(' ')) {
        const next = line ? `${line} ${word}` : word
        if (textWidth(next, 30) > 1075 && line) {
          drawText(c, line, 100, y, 30)
          y += 44
          line = word
        } else line = next
      }
      if (line) drawText(c, line, 100, y, 30)
      y += 66
    }
    doc.addPage({size: 'LETTER', margin: 0})
    doc.image(canvasJpeg(c), 0, 0, {width: 612, height: 792})
  }
  doc.end()
  await ended
  return Buffer.concat(chunks)
}

/** The whole corpus: two reports per firm style, a scan, an encrypted and a corrupt report, and a bridge letter. */
export const soc2Corpus = async (seed = 14): Promise<CorpusDoc[]> => {
  const r = seededRandom(seed)
  const docs: CorpusDoc[] = []
  for (const style of STYLES) {
    for (let i = 0; i < 2; i++) {
      const spec = specFor(style, r, i)
      const {pages, expected} = build(spec)
      const header = style.header ? `${spec.org} — SOC 2 ${typeWord(spec)} Report — Confidential` : undefined
      docs.push({name: `${style.id}-${i + 1}`, style: style.id, kind: 'report', bytes: await render(style, pages, header), expected})
    }
  }
  // A day-first report that does not say so, with dates that read both ways (01/04/2025 to 31/03/2026 has one
  // unambiguous end, so the start is moved to make both ambiguous): the reader must flag it, not guess.
  const amb = {...specFor(STYLES[1]!, r, 2), statesOrder: false, type: 'Type II' as const, start: '2025-02-01', end: '2026-01-12', reportDate: '2026-03-01'}
  const ambBuilt = build(amb)
  docs.push({name: 'fennick-ambiguous', style: STYLES[1]!.id, kind: 'report', bytes: await render(STYLES[1]!, ambBuilt.pages, undefined), expected: ambBuilt.expected})
  const scan = await renderScan([
    ['SOC 2 Type 2 Report', 'Larkspur Imaging Network, Inc.', 'For the period April 1, 2025 through March 31, 2026'],
    ['Independent Service Auditor’s Report', 'Opinion', 'In our opinion, in all material respects, the controls stated in the description operated effectively throughout the period April 1, 2025 to March 31, 2026.', 'Greyfield Audit LLP'],
  ])
  docs.push({name: 'scan', style: 'scan', kind: 'scan', bytes: scan, expected: {type: {value: 'Type II', page: 1}, period: {start: '2025-04-01', end: '2026-03-31', page: 1}, opinion: {value: 'unqualified', page: 2}}})
  const s0 = specFor(STYLES[0]!, r, 0)
  docs.push({name: 'encrypted', style: STYLES[0]!.id, kind: 'encrypted', bytes: await render(STYLES[0]!, build(s0).pages, undefined, {userPassword: 'corpus-only'})})
  const whole = await render(STYLES[1]!, build(specFor(STYLES[1]!, r, 0)).pages, undefined)
  docs.push({name: 'corrupt', style: STYLES[1]!.id, kind: 'corrupt', bytes: Buffer.concat([whole.subarray(0, 9), Buffer.from('garbage '.repeat(64))])})
  const bridge = await render(STYLES[6]!, [{blocks: [{h: 'Bridge Letter'}, {lines: ['Date: February 14, 2027']}, {p: 'To our customers: Quillon Diagnostics, Inc. confirms that there have been no material changes to its system of internal control from January 1, 2027 through the date of this letter.'}]}], undefined)
  docs.push({name: 'bridge', style: STYLES[6]!.id, kind: 'bridge', bytes: bridge, expected: {issuer: 'Quillon Diagnostics, Inc.', date: '2027-02-14', coversFrom: '2027-01-01', coversThrough: '2027-02-14'}})
  return docs
}
