/** What to ask the vendor when a fact could not be read from its documents: the questionnaire's follow-ups. */
export const FOLLOW_UP_QUESTIONS: Readonly<Record<string, string>> = {
  report: 'Please send your most recent SOC 2 report (Type II preferred) covering the service we use, and any bridge letter issued since its period ended.',
  type: 'Is your SOC 2 report a Type I or a Type II report?',
  period: 'What period does your SOC 2 report cover (start and end date), or as of which date (Type I)?',
  auditor: 'Which firm was the service auditor for your SOC 2 report?',
  opinion: 'Was the service auditor’s opinion unqualified? If not, please send the basis for the modified opinion.',
  categories: 'Which trust services categories (Security, Availability, Processing Integrity, Confidentiality, Privacy) were in scope?',
  system: 'Which system and services does the SOC 2 report describe? Does it cover the service we use?',
  subservice: 'Which subservice organisations do you use, and are they carved out or included in the report?',
  cuecs: 'Which complementary user entity controls (CUECs) must our practice operate?',
  exceptions: 'Did the service auditor note any exceptions in the tests of controls? Against which criteria?',
  textPdf: 'The SOC 2 report you sent is a scan with no text layer. Please send the PDF your service auditor issued (with selectable text), so it can be read and verified.',
  dateOrder: 'Your SOC 2 report writes its period with numeric dates that can be read day-first or month-first. Please confirm the start and end dates of the period.',
  bridge: 'Please send a bridge letter covering the time since your SOC 2 period ended.',
}
