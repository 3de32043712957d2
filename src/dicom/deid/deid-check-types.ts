import type {AnnexEAction} from './annex-e-table.js'
import type {ClaimableOption, DeidOption} from './deid-options.js'
import type {IdentifierKind} from './identifier-patterns.js'

/**
 * What a finding is about. `profile`: an attribute the profile removes or empties still carries data;
 * `uid`: a UID the originals show was not remapped; `free-text`: text that looks like an identifier;
 * `safe-harbor`: an age over 89 or a full date; `burned-in`: pixels that may show text (quarantine);
 * `pseudonym`: a replacement ID that is a plain hash of the original; `marker`: Patient Identity Removed; `method`: the recorded de-identification method.
 */
export type DeidFindingKind = 'profile' | 'uid' | 'pseudonym' | 'free-text' | 'safe-harbor' | 'burned-in' | 'marker' | 'method'

export interface DeidFinding {
  /** Tag path such as "(0008,1110)[0].(0010,0010)"; "" for the file as a whole. */
  readonly path: string
  readonly keyword?: string
  readonly kind: DeidFindingKind
  /** True when identifying information (or possibly identifying pixels) remains. */
  readonly identifying: boolean
  readonly action?: AnnexEAction
  readonly match?: IdentifierKind
  readonly message: string
  /** The offending value, only when the caller asked to see values (never in an assessment). */
  readonly value?: string
}

/** A private element the practice has judged safe to keep under Retain Safe Private. */
export interface SafePrivateTag {
  readonly creator: string
  /** Odd group, four hex digits. */
  readonly group: string
  /** Element byte within the creator's block, two hex digits (the "ee" of gggg,xxee). */
  readonly element: string
}

/** What is known about the data before de-identification, to prove UIDs and dates were replaced. */
export interface OriginalsIndex {
  readonly uids: ReadonlySet<string>
  readonly dates: ReadonlySet<string>
  readonly names: readonly string[]
  readonly ids: readonly string[]
  /** MD5, SHA-1 and SHA-256 (hex) of every original identifier: a replacement equal to one is a plain hash. */
  readonly plainHashes: ReadonlySet<string>
}

export interface CheckSettings {
  readonly options: ReadonlySet<DeidOption>
  readonly safePrivate: readonly SafePrivateTag[]
  readonly originals?: OriginalsIndex
  readonly showValues: boolean
}

export interface CheckedFile {
  readonly status: 'checked'
  readonly file: string
  readonly modality?: string
  readonly sopClassUid?: string
  readonly patientIdentityRemoved?: string
  readonly claimedOptions: readonly ClaimableOption[]
  readonly methodRecorded: boolean
  /** The method code sequence names the Basic Profile (113100). */
  readonly claimsBasic: boolean
  readonly quarantine: boolean
  readonly identifying: number
  readonly findings: readonly DeidFinding[]
  /** The replacement patient ID, kept only to judge how pseudonyms are made (never printed with values off). */
  readonly patientIdShape?: 'empty' | 'dummy' | 'scanvet-pseudonym' | 'plain-hash-of-original' | 'hex-hash' | 'uuid' | 'other'
}

export interface UnreadableFile {
  readonly status: 'error'
  readonly file: string
  readonly reason: string
}

export type FileCheckResult = CheckedFile | UnreadableFile
