import {describe, expect, it} from 'vitest'

import {closest, editDistance} from '../../src/util/did-you-mean.js'
import {normaliseOptionValues} from '../../src/cli/normalise-options.js'
import {suggestCommand} from '../../src/cli/suggest-command.js'

const IDS = ['assess', 'demo', 'diff', 'history', 'status', 'vendor:add', 'vendor:list', 'vendor:show', 'questionnaire:answer', 'questionnaire:import']

describe('did you mean', () => {
  it('measures edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('same', 'same')).toBe(0)
  })

  it('suggests a near name and refuses a far one', () => {
    expect(closest('fial-on', ['fail-on', 'workspace', 'json'])).toBe('fail-on')
    expect(closest('acme-imagin', ['acme-imaging', 'beta-radiology'])).toBe('acme-imaging')
    expect(closest('frobnicate', ['fail-on', 'workspace', 'json'])).toBeUndefined()
  })

  it('splits swallowed arguments from the mistyped command', () => {
    expect(suggestCommand(['vendor', 'ad', 'acme'], [], IDS)).toBe('vendor add acme')
    expect(suggestCommand(['asess', 'acme'], ['--json'], IDS)).toBe('assess acme --json')
    expect(suggestCommand(['questionaire', 'import'], [], IDS)).toBe('questionnaire import')
    expect(suggestCommand(['frobnicate'], [], IDS)).toBeUndefined()
    // The whole line `vendor:ad:acme` is near `vendor:rename` as a string; a third word is an argument.
    expect(suggestCommand(['vendor', 'ad', 'acme'], [], [...IDS, 'vendor:rename', 'vendor:remove'])).toBe('vendor add acme')
    expect(suggestCommand(['vendor', 'renam', 'acme', 'acme-imaging'], [], [...IDS, 'vendor:rename', 'vendor:remove'])).toBe('vendor rename acme acme-imaging')
  })
})

describe('option values are case-insensitive', () => {
  const flags = {'fail-on': {type: 'option', options: ['critical', 'high', 'low']}, modality: {type: 'option', char: 'm', options: ['CT', 'MR']}, name: {type: 'option'}}

  it('rewrites each spelling to the option', () => {
    expect(normaliseOptionValues(['x', '--fail-on', 'High', '--modality=ct', '-m', 'mr'], flags)).toEqual(['x', '--fail-on', 'high', '--modality=CT', '-m', 'MR'])
  })

  it('leaves unknown values, free-text flags and arguments after -- alone', () => {
    expect(normaliseOptionValues(['--fail-on', 'Hgh', '--name', 'HIGH', 'High', '--', '--fail-on', 'High'], flags)).toEqual(['--fail-on', 'Hgh', '--name', 'HIGH', 'High', '--', '--fail-on', 'High'])
  })

  it('rewrites every value of a multiple flag (greedy, as oclif reads it, or with a delimiter) and arguments with options', () => {
    const more = {
      ...flags,
      jurisdiction: {type: 'option', options: ['US', 'EU'], multiple: true},
      region: {type: 'option', options: ['us', 'eu'], multiple: true, delimiter: ','},
      yes: {type: 'boolean', char: 'y'},
    }
    const args = {kind: {options: ['baa', 'dpa']}, file: {}}
    expect(normaliseOptionValues(['--jurisdiction', 'us', 'eu', '-y', 'BAA', 'Report.PDF'], more, args)).toEqual(['--jurisdiction', 'US', 'EU', '-y', 'baa', 'Report.PDF'])
    expect(normaliseOptionValues(['DPA', '--region=US,Eu', '--fail-on', 'Low', 'Contract.pdf'], more, args)).toEqual(['dpa', '--region=us,eu', '--fail-on', 'low', 'Contract.pdf'])
    // A value-taking flag's value is never mistaken for an argument; a boolean flag takes none.
    expect(normaliseOptionValues(['--name', 'Baa', 'Baa', 'Dpa'], more, args)).toEqual(['--name', 'Baa', 'baa', 'Dpa'])
    expect(normaliseOptionValues(['--', 'BAA'], more, args)).toEqual(['--', 'baa'])
  })

  it('is shared by values inside values: the --endpoint role and de-identification options', async () => {
    const {parseEndpointFlag} = await import('../../src/cli/endpoint-input.js')
    expect(parseEndpointFlag('DICOMweb=https://pacs.acme.example')).toEqual({role: 'dicomweb', url: 'https://pacs.acme.example'})
    expect(() => parseEndpointFlag('Portl=https://acme.example')).toThrow(/"Portl" is not an endpoint role/)
    const {parseOptions} = await import('../../src/dicom/deid/parse-settings.js')
    expect([...parseOptions(['Retain-UIDs,CLEAN-descriptors'])]).toEqual(['retain-uids', 'clean-descriptors'])
    expect(() => parseOptions(['retain-uid'])).toThrow(/unknown de-identification option "retain-uid"/)
  })
})

describe('--endpoint', () => {
  it('takes a URL or ROLE=URL over TLS', async () => {
    const {parseEndpointFlag} = await import('../../src/cli/endpoint-input.js')
    expect(parseEndpointFlag('https://api.acme.example')).toEqual({role: 'api', url: 'https://api.acme.example'})
    expect(parseEndpointFlag('dicomweb=https://pacs.acme.example/dicom-web')).toEqual({role: 'dicomweb', url: 'https://pacs.acme.example/dicom-web'})
  })

  it('refuses plain HTTP, a non-URL and an unknown role, each with what to type', async () => {
    const {parseEndpointFlag} = await import('../../src/cli/endpoint-input.js')
    const refusal = (v: string) => {
      try {
        parseEndpointFlag(v)
      } catch (error) {
        return error as {code: string; message: string; suggestions: string[]}
      }
      throw new Error(`accepted ${v}`)
    }
    const http = refusal('http://api.acme.example')
    expect(http.code).toBe('INVALID_INPUT')
    expect(http.message).toMatch(/plain HTTP/)
    expect(http.suggestions).toEqual(['--endpoint https://api.acme.example'])
    expect(refusal('api.acme.example').suggestions).toEqual(['--endpoint https://api.acme.example'])
    expect(refusal('dicomwb=https://pacs.example').suggestions).toEqual(['--endpoint dicomweb=https://pacs.example'])
    expect(refusal('ftp://files.example').message).toMatch(/not ftp:/)
  })
})
