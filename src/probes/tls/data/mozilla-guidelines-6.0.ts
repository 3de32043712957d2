/**
 * Mozilla Server Side TLS guidelines, version 6.0, as data: the `modern` and `intermediate` configurations.
 * Source: mozilla/ssl-config-generator, src/static/guidelines/6.0.json (https://ssl-config.mozilla.org/guidelines/6.0.json),
 * copied verbatim (keys and values) on 2026-12-03. Update by copying a newer file's configurations here.
 */
export const MOZILLA_GUIDELINES_VERSION = '6.0'
export const MOZILLA_GUIDELINES_SOURCE = 'https://ssl-config.mozilla.org/guidelines/6.0.json'

export interface MozillaConfiguration {
  readonly certificate_curves: readonly string[]
  readonly certificate_signatures: readonly string[]
  readonly certificate_types: readonly string[]
  readonly ciphers: {readonly iana: readonly string[]; readonly openssl: readonly string[]}
  readonly ciphersuites: readonly string[]
  readonly dh_param_size: number | null
  readonly ecdh_param_size: number
  readonly hsts_min_age: number
  readonly maximum_certificate_lifespan: number
  readonly ocsp_staple: boolean
  readonly oldest_clients: readonly string[]
  readonly recommended_certificate_lifespan: number
  readonly rsa_key_size: number | null
  readonly server_preferred_order: boolean
  readonly tls_curves: readonly string[]
  readonly tls_versions: readonly string[]
}

export const MOZILLA_CONFIGURATIONS: {readonly modern: MozillaConfiguration; readonly intermediate: MozillaConfiguration} = {
  "modern": {
    "certificate_curves": [
      "prime256v1",
      "secp384r1"
    ],
    "certificate_signatures": [
      "ecdsa-with-SHA256",
      "ecdsa-with-SHA384",
      "ecdsa-with-SHA512"
    ],
    "certificate_types": [
      "ecdsa"
    ],
    "ciphers": {
      "iana": [],
      "openssl": []
    },
    "ciphersuites": [
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256"
    ],
    "dh_param_size": null,
    "ecdh_param_size": 256,
    "hsts_min_age": 63072000,
    "maximum_certificate_lifespan": 90,
    "ocsp_staple": true,
    "oldest_clients": [
      "Firefox 63",
      "Android 10.0",
      "Chrome 70",
      "Edge 75",
      "Java 11",
      "OpenSSL 1.1.1",
      "Opera 57",
      "Safari 12.1"
    ],
    "recommended_certificate_lifespan": 90,
    "rsa_key_size": null,
    "server_preferred_order": false,
    "tls_curves": [
      "X25519MLKEM768",
      "X25519",
      "prime256v1",
      "secp384r1"
    ],
    "tls_versions": [
      "TLSv1.3"
    ]
  },
  "intermediate": {
    "certificate_curves": [
      "prime256v1",
      "secp384r1"
    ],
    "certificate_signatures": [
      "sha256WithRSAEncryption",
      "ecdsa-with-SHA256",
      "ecdsa-with-SHA384",
      "ecdsa-with-SHA512"
    ],
    "certificate_types": [
      "ecdsa",
      "rsa"
    ],
    "ciphers": {
      "iana": [
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
      ],
      "openssl": [
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-CHACHA20-POLY1305"
      ]
    },
    "ciphersuites": [
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256"
    ],
    "dh_param_size": 2048,
    "ecdh_param_size": 256,
    "hsts_min_age": 63072000,
    "maximum_certificate_lifespan": 366,
    "ocsp_staple": true,
    "oldest_clients": [
      "Firefox 31.3.0",
      "Android 4.4.2",
      "Chrome 49",
      "Edge 15 on Windows 10",
      "IE 11 on Windows 10",
      "Java 8u161",
      "OpenSSL 1.0.1l",
      "Opera 20",
      "Safari 9"
    ],
    "recommended_certificate_lifespan": 90,
    "rsa_key_size": 2048,
    "server_preferred_order": false,
    "tls_curves": [
      "X25519MLKEM768",
      "X25519",
      "prime256v1",
      "secp384r1"
    ],
    "tls_versions": [
      "TLSv1.2",
      "TLSv1.3"
    ]
  }
}
