import type {Block, SyntheticPdfOptions} from './synthetic-pdf.js'

/*
 * Synthetic SOC 2 reports for a made-up vendor (Northwind Imaging AI, Inc.) by made-up audit firms. The wording
 * and layout vary the way real reports do: "Type 2" / "TYPE I", US and European dates, facts in tables or in
 * prose, on different pages. No real company's report is reproduced.
 */
export interface Fixture {
  readonly pages: readonly (readonly Block[])[]
  readonly options?: SyntheticPdfOptions
}

const VENDOR = 'Northwind Imaging AI, Inc.'

const opinionPage = (o: {period: string; categories: string; signer: string; opinion?: readonly Block[]; date: string}): Block[] => [
  {h: 'Section 1: Independent Service Auditor’s Report'},
  {p: `To the Management of ${VENDOR}:`},
  {h: 'Scope'},
  {
    p: `We have examined ${VENDOR}’s (“Northwind”) accompanying description of its Radiology AI Platform system titled “Northwind’s Description of Its Radiology AI Platform System” throughout the period ${o.period} (description) based on the criteria for a description of a service organization’s system set forth in DC section 200, and the suitability of the design and operating effectiveness of controls stated in the description throughout the period ${o.period}, to provide reasonable assurance that Northwind’s service commitments and system requirements were achieved based on the trust services criteria relevant to ${o.categories} (applicable trust services criteria).`,
  },
  {
    p: 'The information included in Section 5, “Other Information Provided by Northwind,” is presented by management to provide additional information and is not a part of the description. That information has not been subjected to the procedures applied in the examination and, accordingly, we do not express an opinion on it.',
  },
  ...(o.opinion ?? [
    {h: 'Opinion'},
    {
      p: `In our opinion, in all material respects, the description presents the Radiology AI Platform system that was designed and implemented throughout the period ${o.period}, and the controls stated in the description were suitably designed and operated effectively.`,
    },
  ]),
  {lines: [o.signer, 'Boston, Massachusetts', o.date]},
]

/** 1. A clean Type II: unqualified, five categories minus processing integrity, CUECs as bullets, no exceptions. */
export const cleanTypeII: Fixture = {
  pages: [
    [
      {gap: 6},
      {h: 'SOC 2® Type 2 Report'},
      {p: `Report on ${VENDOR}’s Description of Its Radiology AI Platform System and on the Suitability of the Design and Operating Effectiveness of Its Controls Relevant to Security, Availability, Confidentiality, and Privacy`},
      {p: 'For the period October 1, 2025 through September 30, 2026'},
    ],
    opinionPage({
      period: 'October 1, 2025 to September 30, 2026',
      categories: 'security, availability, confidentiality, and privacy',
      signer: 'Halvorsen & Pike LLP',
      date: 'November 2, 2026',
    }),
    [
      {h: 'Section 3: Northwind’s Description of Its Radiology AI Platform System'},
      {h: 'Overview of Services'},
      {lines: ['Services covered: Chest X-ray triage and mammography second reading for hospitals and imaging practices.']},
      {p: 'Northwind does not use any subservice organizations in providing the services described in this report. All infrastructure is operated in Northwind’s own data centres.'},
    ],
    [
      {h: 'Complementary User Entity Controls'},
      {p: 'Northwind’s controls were designed with the assumption that certain controls would be implemented by user entities. User entities are responsible for:'},
      {
        bullets: [
          'User entities are responsible for provisioning and removing their own users’ access to the Radiology AI Platform portal in a timely manner.',
          'User entities are responsible for ensuring that studies sent to Northwind are de-identified where their agreements require it.',
          'User entities are responsible for reviewing the triage results before clinical use and reporting errors to Northwind.',
        ],
      },
      {h: 'Section 4: Trust Services Criteria, Related Controls and Tests of Controls'},
    ],
    [
      {h: 'Tests of Operating Effectiveness'},
      {
        widths: [0.12, 0.34, 0.34, 0.2],
        table: [
          ['Criteria', 'Control Activity Specified', 'Tests Performed', 'Test Results'],
          ['CC6.1', 'Access to production systems requires multi-factor authentication.', 'Inspected the authentication configuration.', 'No exceptions noted.'],
          ['CC6.7', 'Data in transit is encrypted using TLS 1.2 or higher.', 'Inspected TLS configuration of endpoints.', 'No exceptions noted.'],
          ['C1.1', 'Confidential information is identified and retained per policy.', 'Inspected the retention schedule.', 'No exceptions noted.'],
        ],
      },
    ],
  ],
}

/** 2. A Type I, serif, upper-case title, facts in a summary table, CUECs as a table with criteria. */
export const typeI: Fixture = {
  options: {face: 'serif'},
  pages: [
    [
      {h: 'SOC 2 TYPE I REPORT'},
      {p: `${VENDOR} — Radiology AI Platform`},
      {
        widths: [0.35, 0.65],
        table: [
          ['Item', 'Detail'],
          ['Service auditor', 'Brightline Assurance CPAs'],
          ['Report date', 'May 20, 2026'],
          ['Trust services categories in scope', 'Security and Confidentiality'],
        ],
      },
    ],
    [
      {h: 'Report of Independent Service Auditor'},
      {
        p: `We have examined the description of ${VENDOR}’s Radiology AI Platform system as of March 31, 2026, and the suitability of the design of controls stated in the description as of March 31, 2026, to provide reasonable assurance that the service commitments and system requirements were achieved.`,
      },
      {p: 'In our opinion, in all material respects, the description presents the system that was designed and implemented as of March 31, 2026, and the controls stated in the description were suitably designed as of March 31, 2026.'},
      {lines: ['Brightline Assurance CPAs', 'Denver, Colorado']},
    ],
    [
      {h: 'User Control Considerations'},
      {p: 'The following controls should be operated by customers to complement Northwind’s controls.'},
      {
        widths: [0.08, 0.7, 0.22],
        table: [
          ['#', 'Complementary User Entity Control', 'Related Criteria'],
          ['1', 'Customers should restrict administrator roles in the portal to named staff.', 'CC6.1, CC6.3'],
          ['2', 'Customers should notify Northwind when an authorised user leaves.', 'CC6.2'],
        ],
      },
    ],
  ],
}

/** 3. A stale Type II (period ended 30 June 2025), European dates, prose only, period only in the opinion (page 2). */
export const staleTypeII: Fixture = {
  options: {face: 'condensed', fontSize: 11},
  pages: [
    [
      {h: 'Northwind Imaging AI, Inc.'},
      {p: 'System and Organization Controls (SOC) 2 Type II report relevant to security and confidentiality.'},
      {p: 'Prepared by: Meridian Audit Partners PLLC'},
    ],
    [
      {h: 'Independent service auditor’s report'},
      {
        p: `We have examined the description of the Radiology AI Platform system of ${VENDOR} for the period 1 July 2024 to 30 June 2025 and the suitability of the design and operating effectiveness of controls throughout the period 1 July 2024 to 30 June 2025.`,
      },
      {p: 'In our opinion, in all material respects, the controls stated in the description were suitably designed and operated effectively throughout the period.'},
    ],
    [
      {h: 'Complementary user entity controls'},
      {p: 'Clients are responsible for maintaining the confidentiality of their API credentials and rotating them at least annually.'},
      {p: 'Clients are responsible for configuring their PACS to send only the studies needed for the contracted service.'},
      {h: 'Section 4 Tests of controls'},
      {p: 'All controls were tested for the whole period and no exceptions were noted.'},
    ],
  ],
}

/** The bridge letter for the stale report: dated October 15, 2026, covering the gap to its date. */
export const bridgeLetter: Fixture = {
  pages: [
    [
      {lines: ['Northwind Imaging AI, Inc.', '200 Harbor Street, Boston, MA', '', 'October 15, 2026']},
      {gap: 1},
      {p: 'To our customers:'},
      {
        p: 'Our most recent SOC 2 Type II report covered the period July 1, 2024 to June 30, 2025. Management confirms that for the period from July 1, 2025 through the date of this letter there have been no material changes to our system of internal control and we are not aware of any significant deficiencies.',
      },
      {lines: ['Jane Roe, Chief Information Security Officer']},
    ],
  ],
}

/** 5. A qualified opinion (basis paragraph), with an exception against CC7.2 only. */
export const qualifiedTypeII: Fixture = {
  pages: [
    [
      {h: 'SOC 2 Type II'},
      {p: `${VENDOR}: report on controls relevant to Security and Availability for the period February 1, 2026 to July 31, 2026.`},
    ],
    opinionPage({
      period: 'February 1, 2026 to July 31, 2026',
      categories: 'security and availability',
      signer: 'Halvorsen & Pike LLP',
      date: 'September 1, 2026',
      opinion: [
        {h: 'Basis for Qualified Opinion'},
        {p: 'Northwind states in its description that security events are reviewed daily. However, as noted in Section 4, review of security events was not performed for 19 days during the period. As a result, controls were not operating effectively to achieve criterion CC7.2.'},
        {h: 'Qualified Opinion'},
        {p: 'In our opinion, except for the matter described in the Basis for Qualified Opinion paragraph, in all material respects, the controls operated effectively throughout the period.'},
      ],
    }),
    [
      {h: 'Tests of Controls'},
      {
        widths: [0.12, 0.34, 0.27, 0.27],
        table: [
          ['Criteria', 'Control Activity Specified', 'Tests Performed', 'Results'],
          ['CC6.1', 'Unique user IDs are required for access.', 'Inspected user listings.', 'No exceptions noted.'],
          ['CC7.2', 'Security events are reviewed daily by the security team.', 'Inspected a sample of 40 daily reviews.', 'Exception noted. For 19 of 40 days sampled, no review was evidenced.'],
        ],
      },
      {p: 'Management’s response: the review is now automated and tracked.'},
    ],
  ],
}

/** 6. Carve-out of a cloud provider (prose on page 2) and a second carved-out organisation in a table (page 3). */
export const carveOutTypeII: Fixture = {
  pages: [
    [{h: 'SOC 2 Type 2 Report'}, {p: 'Northwind Imaging AI, Inc. — Radiology AI Platform'}, {p: 'Review period: 2026-01-01 – 2026-06-30'}, {p: 'Trust services categories: Security, Availability, Confidentiality'}],
    opinionPage({
      period: 'January 1, 2026 to June 30, 2026',
      categories: 'security, availability, and confidentiality',
      signer: 'Halvorsen & Pike LLP',
      date: 'August 10, 2026',
      opinion: [
        {
          p: 'Northwind uses Amazon Web Services, Inc. (“AWS”) as a subservice organization to provide cloud hosting. The description indicates that complementary subservice organization controls are necessary. The description includes only the controls of Northwind and excludes controls of AWS (carve-out method).',
        },
        {h: 'Opinion'},
        {p: 'In our opinion, in all material respects, the controls stated in the description operated effectively throughout the period January 1, 2026 to June 30, 2026.'},
      ],
    }),
    [
      {h: 'Subservice Organizations'},
      {
        widths: [0.3, 0.45, 0.25],
        table: [
          ['Subservice Organization', 'Services Provided', 'Method'],
          ['Amazon Web Services, Inc.', 'Cloud infrastructure hosting (compute, storage)', 'Carve-out'],
          ['Twilio Inc.', 'SMS notification of urgent findings', 'Carve-out'],
        ],
      },
      {h: 'Complementary User Entity Controls'},
      {bullets: ['User entities are responsible for protecting the API keys issued to them.'], marker: '1.'},
      {h: 'Tests of Controls'},
      {p: 'CC6.1: No exceptions noted. CC6.7: No exceptions noted.'},
    ],
  ],
}

/** 7. Exceptions against CC6.1 (table, page 3) and A1.2 (prose, page 4). */
export const exceptionsTypeII: Fixture = {
  options: {fontSize: 9},
  pages: [
    [{h: 'SOC 2 Type II Report'}, {p: 'Relevant to Security, Availability and Confidentiality'}, {p: 'For the twelve months ended June 30, 2026'}],
    opinionPage({period: 'July 1, 2025 to June 30, 2026', categories: 'security, availability, and confidentiality', signer: 'Halvorsen & Pike LLP', date: 'August 1, 2026'}),
    [
      {h: 'Section 4: Tests of Operating Effectiveness'},
      {
        widths: [0.12, 0.34, 0.27, 0.27],
        table: [
          ['Criteria', 'Control Activity Specified', 'Tests Performed', 'Test Results'],
          ['CC6.1', 'Logical access is removed within one business day of termination.', 'Inspected a sample of 25 terminated users.', 'Exception noted. For 2 of 25 terminated users sampled, access was removed after 9 days.'],
          ['CC6.7', 'Transmission of data is encrypted.', 'Inspected TLS settings.', 'No exceptions noted.'],
        ],
      },
    ],
    [
      {h: 'A1.2 Environmental protections and backups'},
      {p: 'The service auditor inspected backup logs for a sample of 30 days. Deviations were identified: for 3 of the 30 days sampled the nightly backup did not complete.'},
      {p: 'Management’s response: a second backup job now runs at 04:00.'},
      {h: 'Complementary User Entity Controls'},
      {p: 'No complementary user entity controls are required for the services described.'},
    ],
  ],
}

/** A subservice organisation's own report, as a practice would add it to the profile. */
export const awsReport: Fixture = {
  pages: [[{h: 'SOC 2 Type II'}, {p: 'Amazon Web Services, Inc. — report on controls relevant to Security for the period April 1, 2025 to March 31, 2026.'}]],
}

export const twilioReport: Fixture = {
  pages: [[{h: 'SOC 2 Type II'}, {p: 'Twilio Inc. — report on controls relevant to Security for the period October 1, 2025 to September 30, 2026.'}]],
}

/** An ISO/IEC 27001 certificate with its dates in a two-column table on page 1. */
export const isoCertificate: Fixture = {
  options: {face: 'serif'},
  pages: [
    [
      {h: 'Certificate of Registration'},
      {p: 'This is to certify that the information security management system of Northwind Imaging AI, Inc. conforms to ISO/IEC 27001:2022.'},
      {
        widths: [0.4, 0.6],
        table: [
          ['Certificate number', 'IS 700001'],
          ['Date of issue', '14 March 2024'],
          ['Valid until', '13 March 2027'],
        ],
      },
    ],
  ],
}
