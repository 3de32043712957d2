import {execFileSync, spawnSync} from 'node:child_process'
import {createHash, webcrypto} from 'node:crypto'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {generateSigningKey} from '../../src/keys/generate-key.js'
import {buildPkcs12} from '../../src/keys/pkcs12.js'
import {importKeyFile} from '../../src/keys/key-store.js'
import {issueCertificate} from '../../src/net/issue-certificate.js'
import {produceReport} from '../../src/report/produce-report.js'
import {pkijs} from '../../src/signing/pki.js'
import {rfc3161Client} from '../../src/signing/tsa-client.js'
import {findSignatures} from '../../src/verify/pdf-parts.js'
import {verifyReport} from '../../src/verify/verify-report.js'
import {fixtureAssessment} from '../helpers/assessment-fixture.js'
import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

// Independent verifiers from Debian (scripts/install-interop-deps.sh): poppler's pdfsig/pdffonts/pdfdetach/pdfinfo,
// qpdf, NSS certutil, OpenSSL. pdfsig exits 0 whether or not a signature is valid, so its output is read.
const dir = tempDir()
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, {encoding: 'utf8', cwd: dir})
const pdfsig = (file: string, nssdir?: string) => run('pdfsig', [...(nssdir ? ['-nssdir', `sql:${nssdir}`] : []), file]).stdout

describe('the demo report, read by poppler, qpdf and OpenSSL', () => {
  let report: string
  let json: string
  let fingerprint: string

  beforeAll(async () => {
    const r = await runCli(['demo', '--dir', path.join(dir, 'demo'), '--json'], {timeoutMs: 120_000})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    report = out.report
    json = out.assessment
    fingerprint = out.fingerprint
  })

  it('pdfsig: the signature is valid and covers the whole document', () => {
    const out = pdfsig(report)
    expect(out).toContain('Signature Validation: Signature is Valid.')
    expect(out).toContain('Total document signed')
    expect(out).toMatch(/Signature Type: ETSI\.CAdES\.detached/)
    // MuPDF, a second independent reader.
    expect(run('mutool', ['sign', '-v', report]).stdout).toContain('The document is unchanged since signing.')
  })

  it('qpdf --check passes, every font is embedded, and the file says PDF/A-3b', () => {
    const q = run('qpdf', ['--check', report])
    expect(q.status, q.stdout + q.stderr).toBe(0)
    expect(q.stdout).toContain('No syntax or stream encoding errors found')
    const fonts = run('pdffonts', [report]).stdout.split('\n').slice(2).filter(Boolean)
    expect(fonts.length).toBeGreaterThanOrEqual(2)
    for (const line of fonts) expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/)
    const meta = run('pdfinfo', ['-meta', report]).stdout
    expect(meta).toMatch(/pdfaid:part>3</)
    expect(meta).toMatch(/pdfaid:conformance>B</)
  })

  it('pdfdetach returns the attached assessment.json byte for byte', () => {
    const out = path.join(dir, 'detached.json')
    expect(run('pdfdetach', ['-list', report]).stdout).toContain('1: assessment.json')
    expect(run('pdfdetach', ['-save', '1', '-o', out, report]).status).toBe(0)
    expect(readFileSync(out).equals(readFileSync(json))).toBe(true)
  })

  it('OpenSSL verifies the CMS over the signed ranges and sees the signing-certificate-v2 attribute', () => {
    const sig = findSignatures(readFileSync(report))[0]!
    writeFileSync(path.join(dir, 'sig.der'), sig.cms)
    writeFileSync(path.join(dir, 'signed.bin'), sig.signedBytes)
    const v = run('openssl', ['cms', '-verify', '-inform', 'DER', '-in', 'sig.der', '-content', 'signed.bin', '-binary', '-noverify', '-out', '/dev/null'])
    expect(v.stderr).toContain('CMS Verification successful')
    const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'sig.der']).stdout
    expect(printed).toMatch(/signingCertificateV2|1\.2\.840\.113549\.1\.9\.16\.2\.47/)
    expect(printed).toContain('ecdsa-with-SHA256')
  })

  it('one byte flipped inside the signed range: pdfsig says Digest Mismatch and scanvet verify fails on the digest', async () => {
    const pdf = readFileSync(report)
    const at = pdf.indexOf('/Title')
    pdf[at + 9] = pdf[at + 9]! ^ 0x20
    const bad = path.join(dir, 'flipped.pdf')
    writeFileSync(bad, pdf)
    const out = pdfsig(bad)
    expect(out).not.toContain('Signature is Valid.')
    expect(out).toContain('Digest Mismatch')
    expect(run('mutool', ['sign', '-v', bad]).stdout).not.toContain('The document is unchanged since signing.')
    const r = await runCli(['verify', bad, '--fingerprint', fingerprint])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/FAIL\s+digest/)
  })

  it('bytes appended: pdfsig says Not total document signed and scanvet verify fails on the whole-file check', async () => {
    const bad = path.join(dir, 'appended.pdf')
    writeFileSync(bad, Buffer.concat([readFileSync(report), Buffer.from('\n%%EOF\n')]))
    expect(pdfsig(bad)).toContain('Not total document signed')
    const r = await runCli(['verify', bad, '--fingerprint', fingerprint])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/FAIL\s+whole-file\s+7 bytes appended after signing/)
  })
})

describe('a certificate from a test CA in an NSS database', () => {
  it('pdfsig reports Certificate is Trusted., and scanvet verify --trust CA agrees', async () => {
    const ca = await issueCertificate({subject: 'CN=scanvet interop test CA, O=Riverside Imaging', isCa: true, notAfter: new Date(Date.now() + 30 * 86_400_000)})
    const leaf = await issueCertificate({subject: 'CN=Report signer, O=Riverside Imaging', issuer: ca, purpose: 'document-signing'})
    const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', leaf.keys.privateKey))
    const out = await produceReport(await fixtureAssessment({bad: true}), {key: {privateKey: pkcs8, certificates: [new Uint8Array(leaf.cert.rawData), new Uint8Array(ca.cert.rawData)]}})
    const file = path.join(dir, 'ca-signed.pdf')
    writeFileSync(file, out.files['report.pdf'])
    writeFileSync(path.join(dir, 'ca.pem'), ca.certPem)
    const nss = path.join(dir, 'nssdb')
    execFileSync('mkdir', ['-p', nss])
    expect(run('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']).status).toBe(0)
    expect(run('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'testca', '-t', 'CT,C,C', '-i', path.join(dir, 'ca.pem')]).status).toBe(0)
    const trusted = pdfsig(file, nss)
    expect(trusted).toContain('Signature is Valid.')
    expect(trusted).toContain('Certificate Validation: Certificate is Trusted.')
    expect(pdfsig(file)).not.toContain('Certificate is Trusted.')
    expect((await verifyReport({file, trust: [path.join(dir, 'ca.pem')]})).ok).toBe(true)
  })
})

describe('PKCS#12 interoperability with OpenSSL', () => {
  for (const rsa of [false, true]) {
    it(`openssl pkcs12 reads scanvet’s ${rsa ? 'RSA' : 'ECDSA'} key file with the passphrase and refuses a wrong one`, async () => {
      const key = await generateSigningKey({organisation: 'Riverside Imaging', rsa})
      const file = path.join(dir, `scanvet-${rsa ? 'rsa' : 'ec'}.p12`)
      writeFileSync(file, await buildPkcs12({privateKey: key.privateKey, certificates: [key.certificate]}, 'correct horse battery'))
      const info = run('openssl', ['pkcs12', '-info', '-in', file, '-passin', 'pass:correct horse battery', '-noout'])
      expect(info.status, info.stderr).toBe(0)
      expect(info.stderr + info.stdout).toMatch(/MAC: sha256/)
      expect(info.stderr + info.stdout).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/)
      const pem = run('openssl', ['pkcs12', '-in', file, '-passin', 'pass:correct horse battery', '-nodes'])
      expect(pem.stdout).toContain('BEGIN PRIVATE KEY')
      expect(pem.stdout).toContain('BEGIN CERTIFICATE')
      expect(run('openssl', ['pkcs12', '-info', '-in', file, '-passin', 'pass:wrong', '-noout']).status).not.toBe(0)
    })
  }

  it('scanvet keys import takes an ECDSA PKCS#12 made by openssl', async () => {
    expect(run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'o.key', '-out', 'o.pem', '-days', '30', '-subj', '/O=Riverside Imaging/CN=OpenSSL signer']).status).toBe(0)
    expect(run('openssl', ['pkcs12', '-export', '-inkey', 'o.key', '-in', 'o.pem', '-out', 'o.p12', '-passout', 'pass:correct horse battery']).status).toBe(0)
    const info = await importKeyFile({source: path.join(dir, 'o.p12'), file: path.join(dir, 'ws-keys', 'signing.p12'), passphrase: 'correct horse battery'})
    expect(info).toMatchObject({algorithm: 'ECDSA P-256', subject: 'O=Riverside Imaging, CN=OpenSSL signer'})
    const fp = run('openssl', ['x509', '-in', 'o.pem', '-noout', '-fingerprint', '-sha256']).stdout.trim().split('=')[1]
    expect(info.fingerprint).toBe(fp)
  })
})

describe('RFC 3161 timestamp from an OpenSSL time-stamping authority on 127.0.0.1', () => {
  let server: Server
  let url: string
  beforeAll(async () => {
    const cnf = [
      '[ tsa ]', 'default_tsa = tsa1', '[ tsa1 ]', `serial = ${dir}/tsaserial`, 'crypto_device = builtin', `signer_cert = ${dir}/tsa.pem`, `signer_key = ${dir}/tsa.key`,
      'signer_digest = sha256', 'default_policy = 1.2.3.4.1', 'digests = sha256', 'accuracy = secs:1', 'ordering = yes', 'tsa_name = no', 'ess_cert_id_chain = no', 'ess_cert_id_alg = sha256', '',
    ].join('\n')
    writeFileSync(path.join(dir, 'tsa.cnf'), cnf)
    writeFileSync(path.join(dir, 'tsaserial'), '01\n')
    const gen = run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.pem', '-days', '30', '-subj', '/CN=scanvet test TSA', '-addext', 'extendedKeyUsage=critical,timeStamping', '-addext', 'keyUsage=critical,digitalSignature'])
    expect(gen.status, gen.stderr).toBe(0)
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        writeFileSync(path.join(dir, 'req.tsq'), Buffer.concat(chunks))
        const r = run('openssl', ['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', 'req.tsq', '-out', 'resp.tsr'])
        if (r.status !== 0) return void res.writeHead(500).end(r.stderr)
        res.writeHead(200, {'content-type': 'application/timestamp-reply'}).end(readFileSync(path.join(dir, 'resp.tsr')))
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('the signature carries the token, the record says so, and pdfsig still validates it', async () => {
    const key = await generateSigningKey({organisation: 'Riverside Imaging'})
    const out = await produceReport(await fixtureAssessment(), {key: {privateKey: key.privateKey, certificates: [key.certificate]}, tsaUrl: url, tsa: rfc3161Client({url, timeoutMs: 10_000, maxResponseBytes: 65536})})
    expect(out.assessment.signature).toMatchObject({status: 'signed', timestamp: {status: 'rfc3161', tsaUrl: url}})
    const file = path.join(dir, 'timestamped.pdf')
    writeFileSync(file, out.files['report.pdf'])
    expect(pdfsig(file)).toContain('Signature is Valid.')
    const r = await verifyReport({file, fingerprint: out.assessment.signature!.status === 'signed' ? out.assessment.signature!.fingerprint : ''})
    expect(r.ok).toBe(true)
    expect(r.timestamped).toBe(true)
    const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', (writeFileSync(path.join(dir, 'ts-sig.der'), findSignatures(readFileSync(file))[0]!.cms), 'ts-sig.der')]).stdout
    expect(printed).toMatch(/id-smime-aa-timeStampToken|1\.2\.840\.113549\.1\.9\.16\.2\.14/)
    // OpenSSL checks the token is the TSA's, over SHA-256 of this signature's value.
    const signed = new pkijs.SignedData({schema: pkijs.ContentInfo.fromBER(new Uint8Array(findSignatures(readFileSync(file))[0]!.cms)).content})
    const signer = signed.signerInfos[0]!
    const token = signer.unsignedAttrs!.attributes.find((x) => x.type === '1.2.840.113549.1.9.16.2.14')!.values[0]!
    writeFileSync(path.join(dir, 'token.der'), Buffer.from(token.toBER(false)))
    const digest = createHash('sha256').update(Buffer.from(signer.signature.valueBlock.valueHexView)).digest('hex')
    const v = run('openssl', ['ts', '-verify', '-token_in', '-in', 'token.der', '-digest', digest, '-CAfile', 'tsa.pem'])
    expect(v.stdout + v.stderr).toContain('Verification: OK')
  })
})
