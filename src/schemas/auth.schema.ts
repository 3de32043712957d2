const envName = {type: 'string', pattern: '^[A-Z_][A-Z0-9_]*$', description: 'The NAME of an environment variable, never its value.'}

/** How to authenticate to a vendor API: the names of the environment variables that hold the secrets. */
export const authSchema = {
  type: 'object',
  required: ['scheme'],
  additionalProperties: false,
  properties: {
    scheme: {enum: ['bearer', 'basic', 'header']},
    tokenEnv: envName,
    usernameEnv: envName,
    passwordEnv: envName,
    header: {type: 'string', pattern: '^[A-Za-z0-9-]+$'},
  },
} as const
