/** The one set of ajv options, shared by the runtime compiler and the build-time standalone compiler. */
export const AJV_OPTIONS = {allErrors: true, strict: false, allowUnionTypes: true} as const
