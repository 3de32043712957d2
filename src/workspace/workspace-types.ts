import type {ProxySettings} from '../net/proxy.js'
import type {ENDPOINT_ROLES, JURISDICTIONS} from '../schemas/vendor.schema.js'
import type {EvidenceKind} from '../schemas/common.js'
import type {RetentionProfile} from '../probes/retention/retention-profile.js'
import type {DeidOption} from '../dicom/deid/deid-options.js'

export interface NetworkSettings {
  readonly connectTimeoutMs: number
  readonly requestTimeoutMs: number
  readonly maxResponseBytes: number
  readonly maxRedirects: number
  readonly concurrency: number
  readonly perEndpointConcurrency: number
  /** The egress proxy from scanvet.yaml, its CA bundle read; the environment's proxies are added per request. */
  readonly proxy?: ProxySettings
}

/** `network.proxy` as scanvet.yaml holds it. */
export interface ProxyFileSettings {
  readonly url?: string
  readonly noProxy?: readonly string[]
  readonly caFile?: string
}

export interface WorkspaceConfig {
  readonly organisation: string
  readonly assessor?: string
  readonly frameworks: readonly string[]
  readonly reassessmentIntervalDays?: number
  readonly network?: Partial<Omit<NetworkSettings, 'proxy'>> & {readonly proxy?: ProxyFileSettings}
  readonly report?: {readonly tsaUrl?: string; readonly keyFile?: string; readonly paperSize?: 'letter' | 'a4'; readonly logo?: string}
  /** The practice's own thresholds by question id (see src/questionnaire/practice-policy.ts). */
  readonly policy?: Readonly<Record<string, string | number | boolean>>
}

export interface Workspace {
  readonly root: string
  readonly configFile: string
  readonly config: WorkspaceConfig
  readonly network: NetworkSettings
  readonly reassessmentIntervalDays: number
}

export type EndpointRole = (typeof ENDPOINT_ROLES)[number]
export type Jurisdiction = (typeof JURISDICTIONS)[number]

export interface VendorEndpoint {
  readonly url: string
  readonly role: EndpointRole
  readonly name?: string
  readonly caBundle?: string
  /** Where plain HTTP is tried for the redirect check (default http://<host>/ on port 80). */
  readonly plainHttpUrl?: string
}

export interface VendorEvidence {
  readonly kind: EvidenceKind
  readonly path?: string
  readonly url?: string
  readonly title?: string
  readonly expires?: string
  readonly stated?: Record<string, unknown>
  readonly organisation?: string
}

export interface VendorProfile {
  readonly id: string
  /** Ids before `vendor rename`, oldest first: the earlier rounds carry them. */
  readonly formerIds?: readonly string[]
  readonly name: string
  readonly service: string
  readonly description?: string
  readonly contact?: {readonly name?: string; readonly email?: string; readonly url?: string}
  readonly jurisdictions: readonly Jurisdiction[]
  readonly endpoints: readonly VendorEndpoint[]
  readonly evidence?: readonly VendorEvidence[]
  readonly auth?: {
    readonly scheme: 'bearer' | 'basic' | 'header'
    readonly tokenEnv?: string
    readonly usernameEnv?: string
    readonly passwordEnv?: string
    readonly header?: string
  }
  readonly questionnaire?: {readonly id?: string; readonly answers?: string}
  readonly retention?: RetentionProfile
  readonly deid?: VendorDeid
  readonly soc2?: {readonly trustPage?: string; readonly securityTxt?: string | false}
}

/** The de-identification block of a vendor profile; paths are relative to the vendor folder. */
export interface VendorDeid {
  readonly profile?: 'basic'
  readonly options?: readonly DeidOption[]
  readonly safePrivate?: readonly string[]
  readonly sent?: readonly string[]
  readonly returned?: readonly string[]
  readonly originals?: readonly string[]
}

export interface Vendor {
  readonly dir: string
  readonly file: string
  readonly profile: VendorProfile
}

export const DEFAULT_NETWORK: NetworkSettings = {
  connectTimeoutMs: 5000,
  requestTimeoutMs: 15000,
  maxResponseBytes: 50 * 1024 * 1024,
  maxRedirects: 5,
  concurrency: 16,
  perEndpointConcurrency: 8,
}

export const DEFAULT_REASSESSMENT_DAYS = 90
