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
  /** For text found in the pixels: where (frame 1-based, or overlay group) and its box in image pixels. */
  readonly box?: PixelBox
}

export interface PixelBox {
  readonly frame?: number
  readonly overlay?: string
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  readonly kind: string
}

/**
 * What was done with a file's pixels. `checked`: decoded and read with OCR; `not-decoded`: they should have
 * been read and could not be (the run is then not clean); `skipped`: not read, with the reason (no pixel
 * data, a modality that rarely carries text, --no-pixels): the verdict says pixels were not checked.
 */
export type PixelCheck =
  | {readonly status: 'checked'; readonly frames: number; readonly totalFrames: number; readonly overlays: number; readonly boxes: readonly PixelBox[]; readonly reason?: never}
  | {readonly status: 'not-decoded'; readonly reason: string}
  | {readonly status: 'skipped'; readonly reason: string}

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

/** Reads a file's pixels and returns the findings with what the pixels show folded in. */
export type PixelChecker = (read: {readonly dataset: import('../read/dicom-file.js').DicomDataset; readonly transferSyntax: string}, judged: CheckedFile) => Promise<{pixels: PixelCheck; findings: DeidFinding[]}>

export interface CheckSettings {
  readonly options: ReadonlySet<DeidOption>
  /** A pattern the practice's pseudonyms follow (a Patient ID matching it is a dummy value). */
  readonly pseudonymPattern?: RegExp
  /** Absent: pixels are not read (each file says so). */
  readonly pixels?: PixelChecker
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
  /** The transfer syntax the dataset was read with. */
  readonly transferSyntax?: string
  /** What the reader had to guess or repair (no preamble, inferred transfer syntax, UN sequences). */
  readonly readNotes?: readonly string[]
  /** The file ends early: what was before was checked, the rest was not (the run is then not clean). */
  readonly incomplete?: string
  readonly pixels?: PixelCheck
  readonly patientIdShape?: 'empty' | 'dummy' | 'scanvet-pseudonym' | 'plain-hash-of-original' | 'hex-hash' | 'uuid' | 'other'
}

export interface UnreadableFile {
  readonly status: 'error'
  readonly file: string
  readonly reason: string
}

export type FileCheckResult = CheckedFile | UnreadableFile
