import type {RetentionAuth} from './retention-profile.js'

export type AuthResult =
  | {readonly ok: true; readonly headers: Readonly<Record<string, string>>; readonly secrets: readonly string[]}
  | {readonly ok: false; readonly reason: string}

/**
 * Credentials from the environment variables the profile names. The values go into request headers only;
 * they are returned as `secrets` so every reason and fact can be scrubbed of them before it is kept.
 */
export const authHeaders = (auth: RetentionAuth | undefined, env: Readonly<Record<string, string | undefined>>): AuthResult => {
  if (!auth) return {ok: true, headers: {}, secrets: []}
  const read = (name: string | undefined, what: string): string | {missing: string} => {
    if (!name) return {missing: `the profile's auth (${auth.scheme}) names no ${what} variable`}
    const v = env[name]
    return v ? v : {missing: `the environment variable ${name} named in the profile is not set`}
  }
  if (auth.scheme === 'basic') {
    const user = read(auth.usernameEnv, 'usernameEnv')
    const pass = read(auth.passwordEnv, 'passwordEnv')
    if (typeof user !== 'string') return {ok: false, reason: user.missing}
    if (typeof pass !== 'string') return {ok: false, reason: pass.missing}
    const encoded = Buffer.from(`${user}:${pass}`).toString('base64')
    return {ok: true, headers: {Authorization: `Basic ${encoded}`}, secrets: [pass, encoded]}
  }
  const token = read(auth.tokenEnv, 'tokenEnv')
  if (typeof token !== 'string') return {ok: false, reason: token.missing}
  if (auth.scheme === 'bearer') return {ok: true, headers: {Authorization: `Bearer ${token}`}, secrets: [token]}
  return {ok: true, headers: {[auth.header ?? 'X-API-Key']: token}, secrets: [token]}
}

/** Replace every secret value in a JSON-able value; applied to observations before they are kept. */
export const scrubSecrets = <T>(value: T, secrets: readonly string[]): T => {
  const live = secrets.filter((s) => s.length >= 4)
  if (live.length === 0) return value
  let text = JSON.stringify(value)
  for (const s of live) text = text.split(JSON.stringify(s).slice(1, -1)).join('[redacted]')
  return JSON.parse(text) as T
}
