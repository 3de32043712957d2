import {webcrypto} from 'node:crypto'
import * as asn1js from 'asn1js'

import {ScanvetError} from '../errors.js'
import {OID, pkijs, sha256, toArrayBuffer} from '../signing/pki.js'

/** OpenSSL 3's defaults for `pkcs12 -export`: PBES2 with AES-256-CBC, PBKDF2-HMAC-SHA-256, a SHA-256 MAC. */
const ITERATIONS = 100_000
const pbes2 = (password: ArrayBuffer) => ({password, contentEncryptionAlgorithm: {name: 'AES-CBC', length: 256}, hmacHashAlgorithm: 'SHA-256', iterationCount: ITERATIONS})

const passwordBytes = (passphrase: string): ArrayBuffer => toArrayBuffer(Buffer.from(passphrase, 'utf8'))

export interface KeyAndCertificates {
  /** PKCS#8 DER. */
  readonly privateKey: Uint8Array
  /** DER, the signer's certificate first, then any chain. */
  readonly certificates: readonly Uint8Array[]
}

/**
 * Build a password-protected PKCS#12 file that `openssl pkcs12` reads. pkijs rather than node-forge: forge
 * has no ECDSA, and ECDSA P-256 is the default signing key.
 */
export const buildPkcs12 = async (input: KeyAndCertificates, passphrase: string, friendlyName = 'scanvet report signing'): Promise<Buffer> => {
  const password = passwordBytes(passphrase)
  const localKeyId = new pkijs.Attribute({type: OID.localKeyId, values: [new asn1js.OctetString({valueHex: toArrayBuffer((await sha256(input.certificates[0]!)).subarray(0, 20))})]})
  const name = new pkijs.Attribute({type: OID.friendlyName, values: [new asn1js.BmpString({value: friendlyName})]})
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({parsedValue: pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(input.privateKey))})
  await keyBag.makeInternalValues(pbes2(password))
  const certBags = input.certificates.map(
    (der, i) =>
      new pkijs.SafeBag({
        bagId: OID.certBag,
        bagValue: new pkijs.CertBag({parsedValue: pkijs.Certificate.fromBER(toArrayBuffer(der))}),
        ...(i === 0 ? {bagAttributes: [localKeyId, name]} : {}),
      }),
  )
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            {privacyMode: 1, value: new pkijs.SafeContents({safeBags: certBags})},
            {privacyMode: 0, value: new pkijs.SafeContents({safeBags: [new pkijs.SafeBag({bagId: OID.keyBag, bagValue: keyBag, bagAttributes: [localKeyId, name]})]})},
          ],
        },
      }),
    },
  })
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({safeContents: [pbes2(password), {}]})
  await pfx.makeInternalValues({password, iterations: ITERATIONS, pbkdf2HashAlgorithm: 'SHA-256', hmacHashAlgorithm: 'SHA-256'})
  return Buffer.from(pfx.toSchema().toBER(false))
}

const keyError = (message: string, suggestions: string[] = []) => new ScanvetError('KEY_ERROR', message, suggestions)

/** Read a PKCS#12 file: check its MAC with the passphrase, decrypt the key, collect the certificates. */
export const parsePkcs12 = async (data: Uint8Array, passphrase: string, file = 'the PKCS#12 file'): Promise<KeyAndCertificates> => {
  const password = passwordBytes(passphrase)
  let pfx: pkijs.PFX
  try {
    pfx = pkijs.PFX.fromBER(toArrayBuffer(data))
  } catch {
    throw keyError(`${file} is not a PKCS#12 file`)
  }
  try {
    await pfx.parseInternalValues({password, checkIntegrity: true})
  } catch (error) {
    const msg = (error as Error).message
    if (/integrity|mac/i.test(msg)) throw keyError(`${file}: wrong passphrase (the integrity check failed)`, ['Set SCANVET_KEY_PASSPHRASE to the passphrase the key was saved with.'])
    throw keyError(`${file}: cannot read it (${msg})`)
  }
  const safe = pfx.parsedValue?.authenticatedSafe
  if (!safe) throw keyError(`${file}: no content`)
  try {
    await safe.parseInternalValues({safeContents: safe.safeContents.map(() => ({password}))})
  } catch (error) {
    throw keyError(`${file}: cannot decrypt it (${(error as Error).message})`, [
      'Old PKCS#12 files use RC2 or 3DES, which scanvet does not read. Re-export with OpenSSL 3: openssl pkcs12 -export -in cert.pem -inkey key.pem -out signing.p12',
    ])
  }
  let privateKey: Uint8Array | undefined
  const certificates: Uint8Array[] = []
  for (const content of safe.parsedValue!.safeContents) {
    for (const bag of content.value.safeBags) {
      if (bag.bagId === OID.keyBag) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag
        try {
          await (shrouded as unknown as {parseInternalValues(p: {password: ArrayBuffer}): Promise<void>}).parseInternalValues({password})
        } catch (error) {
          throw keyError(`${file}: cannot decrypt the private key (${(error as Error).message})`)
        }
        privateKey = new Uint8Array(shrouded.parsedValue!.toSchema().toBER(false))
      } else if (bag.bagId === OID.certBag) {
        const cert = (bag.bagValue as pkijs.CertBag).parsedValue
        if (cert instanceof pkijs.Certificate) certificates.push(new Uint8Array(cert.toSchema().toBER(false)))
      }
    }
  }
  if (!privateKey) throw keyError(`${file} holds no private key`)
  if (certificates.length === 0) throw keyError(`${file} holds no certificate`)
  return {privateKey, certificates: await orderSignerFirst(privateKey, certificates)}
}

/** Put the certificate whose public key matches the private key first. */
const orderSignerFirst = async (privateKey: Uint8Array, certs: Uint8Array[]): Promise<Uint8Array[]> => {
  const info = pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(privateKey))
  const pub = await publicKeyOf(info)
  const i = pub ? certs.findIndex((c) => Buffer.from(pkijs.Certificate.fromBER(toArrayBuffer(c)).subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).equals(pub)) : 0
  if (i < 0) throw keyError('no certificate in the file matches its private key')
  return [certs[i]!, ...certs.filter((_, j) => j !== i)]
}

const publicKeyOf = async (info: pkijs.PrivateKeyInfo): Promise<Buffer | undefined> => {
  // Export the public half through WebCrypto (JWK) so EC and RSA are handled alike.
  const der = toArrayBuffer(new Uint8Array(info.toSchema().toBER(false)))
  const oid = info.privateKeyAlgorithm.algorithmId
  try {
    if (oid === OID.ecPublicKey) {
      for (const namedCurve of ['P-256', 'P-384']) {
        try {
          const k = await webcrypto.subtle.importKey('pkcs8', der, {name: 'ECDSA', namedCurve}, true, ['sign'])
          const jwk = await webcrypto.subtle.exportKey('jwk', k)
          return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')])
        } catch {
          // try the next curve
        }
      }
      return undefined
    }
    if (oid === OID.rsaEncryption) {
      const k = await webcrypto.subtle.importKey('pkcs8', der, {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'}, true, ['sign'])
      const jwk = await webcrypto.subtle.exportKey('jwk', k)
      const spki = await webcrypto.subtle.importKey('jwk', {kty: 'RSA', n: jwk.n!, e: jwk.e!}, {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'}, true, ['verify'])
      return Buffer.from(pkijs.PublicKeyInfo.fromBER(await webcrypto.subtle.exportKey('spki', spki)).subjectPublicKey.valueBlock.valueHexView)
    }
  } catch {
    return undefined
  }
  return undefined
}
