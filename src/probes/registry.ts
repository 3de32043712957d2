import type {ProbeFamily} from '../model/observation.js'
import type {Probe} from './probe-types.js'
import {retentionProbe} from './retention/retention-probe.js'
import {deidProbe} from './deid/deid-probe.js'
import {soc2Probe} from './soc2/soc2-probe.js'
import {httpProbe} from './http/http-probe.js'
import {tlsProbe} from './tls/tls-probe.js'

/** The probe families scanvet runs, in report order. An explicit map: no discovery at start-up. */
export const PROBES: Readonly<Partial<Record<ProbeFamily, Probe>>> = {
  tls: tlsProbe,
  retention: retentionProbe,
  deid: deidProbe,
  soc2: soc2Probe,
  http: httpProbe,
}

export const probeFamilies = (): ProbeFamily[] => Object.keys(PROBES) as ProbeFamily[]
