/**
 * What one YAML input may hold before scanvet refuses it. Chosen at 10–50× the largest real file of each kind
 * (a 400-question questionnaire is ~150 KiB and 8 levels deep) so no honest file comes near, while a hostile one
 * is refused before it costs more than a fraction of a second or a few MB: see docs/decisions.md, issue 16.
 */
export interface YamlLimits {
  /** Bytes of the file; checked before it is read. */
  readonly maxBytes: number
  /** Nesting of mappings, sequences and flow collections. */
  readonly maxDepth: number
  /** Nodes (scalars and collections) in the source, before any alias is expanded. */
  readonly maxNodes: number
  /** Aliases (`*x`) in the source. */
  readonly maxAliases: number
  /** Nodes an alias may expand to when the document becomes data (the alias-bomb guard). */
  readonly maxAliasExpansion: number
}

const KiB = 1024
const MiB = 1024 * KiB

const small: YamlLimits = {maxBytes: 256 * KiB, maxDepth: 32, maxNodes: 50_000, maxAliases: 100, maxAliasExpansion: 100}
const large: YamlLimits = {maxBytes: 4 * MiB, maxDepth: 48, maxNodes: 500_000, maxAliases: 1000, maxAliasExpansion: 100}

/** Per input kind (the schema kinds), plus `template` for the files scanvet ships and `other` for the rest. */
export const YAML_LIMITS = {
  workspace: {...small, maxBytes: 64 * KiB},
  vendor: small,
  check: small,
  migration: {...small, maxBytes: 1 * MiB},
  framework: {...large, maxBytes: 2 * MiB},
  questionnaire: large,
  provisions: {...small, maxBytes: 1 * MiB},
  // Attached documents travel inside (embedded-document.ts: 20 MiB of documents, as base64); still under the
  // 30 MiB a hostile scalar is refused at.
  answers: {...large, maxBytes: 28 * MiB},
  assessment: {...large, maxBytes: 64 * MiB, maxNodes: 5_000_000},
  template: large,
  other: large,
} as const satisfies Record<string, YamlLimits>

export type YamlKind = keyof typeof YAML_LIMITS

export const limitsFor = (kind: string | undefined): YamlLimits =>
  kind !== undefined && Object.hasOwn(YAML_LIMITS, kind) ? YAML_LIMITS[kind as YamlKind] : YAML_LIMITS.other

export const formatBytes = (n: number): string =>
  n >= MiB ? `${(n / MiB).toFixed(n % MiB === 0 ? 0 : 1)} MiB` : n >= KiB ? `${(n / KiB).toFixed(n % KiB === 0 ? 0 : 1)} KiB` : `${n} bytes`
