/**
 * A value typed for a closed set of choices, in the choice's own spelling when it differs only in case
 * (`high` for `High`, `CT` for `ct`); anything that matches no choice is returned as typed, for the caller to
 * refuse with its own message. The one place scanvet decides that case does not make a different choice: every
 * flag with options (cli/normalise-options.ts) and values inside other values (the role in
 * `--endpoint API=https://…`, a de-identification option in a comma list) use it.
 */
export const canonicalOption = <T extends string>(options: readonly T[], value: string): T | string =>
  options.find((o) => o.toLowerCase() === value.toLowerCase()) ?? value
