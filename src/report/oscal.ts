import {createHash} from 'node:crypto'

import type {Assessment} from '../assessment/assessment-types.js'
import type {ControlResult} from '../controls/framework-types.js'
import type {Observation} from '../model/observation.js'

export const OSCAL_VERSION = '1.0.6'

/** A name-based (version 5 layout) UUID, so the same assessment always gives the same OSCAL document. */
const uuidFor = (...parts: string[]): string => {
  const h = createHash('sha1').update(parts.join('\u0000')).digest()
  h[6] = (h[6]! & 0x0f) | 0x50
  h[8] = (h[8]! & 0x3f) | 0x80
  const x = h.subarray(0, 16).toString('hex')
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`
}

const methodOf = (o: Observation): 'TEST' | 'EXAMINE' => (o.probe === 'soc2' ? 'EXAMINE' : 'TEST')

/** OSCAL 1.0.6 status: only "satisfied" and "not-satisfied" exist; the rest become not-satisfied with reason "other". */
const stateOf = (c: ControlResult): {state: 'satisfied' | 'not-satisfied'; reason: 'pass' | 'fail' | 'other'} =>
  c.status === 'satisfied' ? {state: 'satisfied', reason: 'pass'} : c.status === 'not-satisfied' || c.status === 'partially-satisfied' ? {state: 'not-satisfied', reason: 'fail'} : {state: 'not-satisfied', reason: 'other'}

/**
 * The assessment as an OSCAL assessment-results document: one result; probe observations and questionnaire
 * answers as observations; one finding per control (its scanvet status in a prop and the remarks); the
 * reviewed controls by id. Validated in the tests against NIST's published JSON Schema 1.0.6.
 */
export const toOscal = (a: Assessment): object => {
  const ns = `scanvet:${a.vendor.id}:${a.id}`
  const observations = [
    ...a.observations.map((o, i) => ({
      uuid: uuidFor(ns, 'obs', String(i)),
      title: `${o.probe} probe of ${o.target}`,
      description: o.status === 'ok' ? `Observed ${o.target} with the ${o.probe} probe.` : `${o.status}: ${o.reason}`,
      methods: [methodOf(o)],
      collected: o.startedAt,
    })),
    ...(a.questionnaire
      ? [
          {
            uuid: uuidFor(ns, 'obs', 'questionnaire'),
            title: `Answers to ${a.questionnaire.title} ${a.questionnaire.version}`,
            description: `${Object.keys(a.questionnaire.answers).length} answers from the vendor${a.questionnaire.answersSha256 ? ` (answers file SHA-256 ${a.questionnaire.answersSha256})` : ''}.`,
            methods: ['INTERVIEW'],
            collected: a.assessedAt,
          },
        ]
      : []),
  ]
  const obsUuidByTarget = new Map<string, string[]>()
  a.observations.forEach((o, i) => obsUuidByTarget.set(`${o.probe}|${o.target}`, [...(obsUuidByTarget.get(`${o.probe}|${o.target}`) ?? []), uuidFor(ns, 'obs', String(i))]))
  const findingById = new Map(a.findings.map((f) => [f.id, f]))
  const scored = a.controls.filter((c) => c.status !== 'readiness')
  const findings = scored.map((c) => {
    const related = new Set<string>()
    for (const id of c.findings) {
      const f = findingById.get(id)
      if (!f) continue
      if (f.source === 'question' && a.questionnaire) related.add(uuidFor(ns, 'obs', 'questionnaire'))
      if (f.source === 'check' && f.target) for (const u of [...obsUuidByTarget.entries()].filter(([k]) => k.endsWith(`|${f.target}`)).flatMap(([, v]) => v)) related.add(u)
    }
    return {
      uuid: uuidFor(ns, 'finding', c.frameworkId, c.controlId),
      title: `${c.citation}: ${c.title}`,
      description: c.summary,
      props: [
        {name: 'scanvet-status', ns: 'https://scanvet.dev/ns/oscal', value: c.status},
        {name: 'framework', ns: 'https://scanvet.dev/ns/oscal', value: c.frameworkId},
      ],
      target: {type: 'objective-id', 'target-id': c.controlId, status: stateOf(c)},
      ...(related.size ? {'related-observations': [...related].map((u) => ({'observation-uuid': u}))} : {}),
      remarks: `Findings: ${c.findings.length ? c.findings.join(', ') : 'none'}.`,
    }
  })
  return {
    'assessment-results': {
      uuid: uuidFor(ns, 'document'),
      metadata: {
        title: `scanvet assessment of ${a.vendor.name} (${a.id})`,
        'last-modified': a.assessedAt,
        version: a.id,
        'oscal-version': OSCAL_VERSION,
        remarks: `Verdict: ${a.verdict.decision}. ${a.verdict.reasons.join('; ')}`,
      },
      // scanvet has no separate OSCAL assessment plan: the catalogues and the questionnaire are the plan.
      'import-ap': {href: `#${uuidFor(ns, 'plan')}`, remarks: 'The assessment plan is scanvet’s bundled checks, questionnaire and framework catalogues.'},
      results: [
        {
          uuid: uuidFor(ns, 'result'),
          title: `Assessment ${a.id} of ${a.vendor.name}`,
          description: `${a.vendor.service}. Frameworks: ${a.frameworks.map((f) => f.title).join('; ')}.`,
          start: a.assessedAt,
          'reviewed-controls': {
            'control-selections': [{'include-controls': (scored.length ? scored : a.controls).map((c) => ({'control-id': c.controlId}))}],
          },
          ...(observations.length ? {observations} : {}),
          ...(findings.length ? {findings} : {}),
        },
      ],
    },
  }
}
