// Specific Character Set (0008,0005) decoding, ISO 2022 code extensions included. Node's TextDecoder (full ICU)
// has EUC-JP, EUC-KR and GB18030 but no ISO 2022 switching for DICOM's sets, so escape sequences are followed
// here and each run is re-expressed in the EUC form of its set: JIS X 0208 (IR 87) and JIS X 0212 (IR 159) as
// EUC-JP, JIS X 0201 katakana (IR 13) as EUC-JP SS2, KS X 1001 (IR 149) as EUC-KR, GB 2312 (IR 58) as GB18030.

type SetName = 'ascii' | 'jisx0208' | 'jisx0212' | 'katakana' | 'ksx1001' | 'gb2312' | `sb:${string}`

/** Single-byte and Unicode defined terms → WHATWG encoding labels (PS3.3 C.12.1.1.2). */
const SINGLE: Readonly<Record<string, string>> = {
  '': 'latin1',
  'ISO_IR 6': 'latin1',
  'ISO_IR 100': 'latin1',
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 203': 'iso-8859-15',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
}

/** The G1 set each ISO 2022 defined term designates, and its escape sequence's final bytes. */
const ISO2022_G1: Readonly<Record<string, SetName>> = {
  'ISO 2022 IR 6': 'ascii',
  'ISO 2022 IR 100': 'sb:latin1',
  'ISO 2022 IR 101': 'sb:iso-8859-2',
  'ISO 2022 IR 109': 'sb:iso-8859-3',
  'ISO 2022 IR 110': 'sb:iso-8859-4',
  'ISO 2022 IR 144': 'sb:iso-8859-5',
  'ISO 2022 IR 127': 'sb:iso-8859-6',
  'ISO 2022 IR 126': 'sb:iso-8859-7',
  'ISO 2022 IR 138': 'sb:iso-8859-8',
  'ISO 2022 IR 148': 'sb:iso-8859-9',
  'ISO 2022 IR 203': 'sb:iso-8859-15',
  'ISO 2022 IR 166': 'sb:windows-874',
  'ISO 2022 IR 13': 'katakana',
  'ISO 2022 IR 149': 'ksx1001',
  'ISO 2022 IR 58': 'gb2312',
  'ISO 2022 IR 87': 'ascii',
  'ISO 2022 IR 159': 'ascii',
}

const ESCAPES: readonly {seq: number[]; g: 0 | 1; set: SetName}[] = [
  {seq: [0x28, 0x42], g: 0, set: 'ascii'},
  {seq: [0x28, 0x4a], g: 0, set: 'ascii'}, // JIS X 0201 Roman: ASCII but for ¥ and ‾
  {seq: [0x29, 0x49], g: 1, set: 'katakana'},
  {seq: [0x24, 0x42], g: 0, set: 'jisx0208'},
  {seq: [0x24, 0x28, 0x44], g: 0, set: 'jisx0212'},
  {seq: [0x24, 0x29, 0x43], g: 1, set: 'ksx1001'},
  {seq: [0x24, 0x29, 0x41], g: 1, set: 'gb2312'},
  {seq: [0x2d, 0x41], g: 1, set: 'sb:latin1'},
  {seq: [0x2d, 0x42], g: 1, set: 'sb:iso-8859-2'},
  {seq: [0x2d, 0x43], g: 1, set: 'sb:iso-8859-3'},
  {seq: [0x2d, 0x44], g: 1, set: 'sb:iso-8859-4'},
  {seq: [0x2d, 0x4c], g: 1, set: 'sb:iso-8859-5'},
  {seq: [0x2d, 0x47], g: 1, set: 'sb:iso-8859-6'},
  {seq: [0x2d, 0x46], g: 1, set: 'sb:iso-8859-7'},
  {seq: [0x2d, 0x48], g: 1, set: 'sb:iso-8859-8'},
  {seq: [0x2d, 0x4d], g: 1, set: 'sb:iso-8859-9'},
  {seq: [0x2d, 0x62], g: 1, set: 'sb:iso-8859-15'},
  {seq: [0x2d, 0x54], g: 1, set: 'sb:windows-874'},
]

const decoders = new Map<string, InstanceType<typeof TextDecoder>>()
const decoder = (label: string): InstanceType<typeof TextDecoder> => {
  let d = decoders.get(label)
  if (!d) decoders.set(label, (d = new TextDecoder(label)))
  return d
}

/** How to decode text of one dataset, from the values of (0008,0005). Unknown terms fall back to Latin-1 and say so. */
export interface Charset {
  readonly terms: readonly string[]
  readonly unknown: readonly string[]
  decode(bytes: Uint8Array): string
}

const isAscii = (bytes: Uint8Array): boolean => {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80 || bytes[i] === 0x1b) return false
  return true
}

const ascii = (bytes: Uint8Array): string => {
  let s = ''
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!)
  return s
}

export const DEFAULT_CHARSET: Charset = {terms: [], unknown: [], decode: (b) => (isAscii(b) ? ascii(b) : decoder('latin1').decode(b))}

export const charsetOf = (values: readonly string[]): Charset => {
  const terms = values.map((v) => v.trim().toUpperCase())
  if (terms.length === 0 || (terms.length === 1 && terms[0] === '')) return DEFAULT_CHARSET
  const unknown = terms.filter((t) => t !== '' && SINGLE[t] === undefined && ISO2022_G1[t] === undefined)
  const iso2022 = terms.some((t) => t.startsWith('ISO 2022')) || terms.length > 1
  if (!iso2022) {
    const label = SINGLE[terms[0]!] ?? 'latin1'
    return {terms, unknown, decode: (b) => (isAscii(b) ? ascii(b) : decoder(label).decode(b))}
  }
  // The first value designates the initial G1 (e.g. IR 149 for Korean); an empty first value means ASCII only.
  const initialG1: SetName = ISO2022_G1[terms[0]!] ?? (SINGLE[terms[0]!] ? (`sb:${SINGLE[terms[0]!]}` as SetName) : 'ascii')
  return {terms, unknown, decode: (b) => (isAscii(b) ? ascii(b) : decode2022(b, initialG1))}
}

const decode2022 = (bytes: Uint8Array, initialG1: SetName): string => {
  let g0: SetName = 'ascii'
  let g1: SetName = initialG1
  let out = ''
  let run: number[] = []
  let runSet: SetName | undefined
  const flush = () => {
    if (run.length === 0 || !runSet) return
    out += decodeRun(runSet, run)
    run = []
  }
  const emit = (set: SetName, ...b: number[]) => {
    if (runSet !== set) {
      flush()
      runSet = set
    }
    run.push(...b)
  }
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!
    if (c === 0x1b) {
      const esc = ESCAPES.find((e) => e.seq.every((s, k) => bytes[i + 1 + k] === s))
      if (esc) {
        if (esc.g === 0) g0 = esc.set
        else g1 = esc.set
        i += esc.seq.length
        continue
      }
    }
    if (c < 0x80) {
      if ((g0 === 'jisx0208' || g0 === 'jisx0212') && c > 0x20 && i + 1 < bytes.length && bytes[i + 1]! > 0x20 && bytes[i + 1]! < 0x80) {
        emit(g0, c, bytes[i + 1]!)
        i++
      } else {
        // Control characters and delimiters return G0 to ASCII (PS3.5 6.1.2.5.3).
        if (c < 0x20) g0 = 'ascii'
        emit('ascii', c)
      }
      continue
    }
    if ((g1 === 'ksx1001' || g1 === 'gb2312') && i + 1 < bytes.length && bytes[i + 1]! >= 0x80) {
      emit(g1, c, bytes[i + 1]!)
      i++
      continue
    }
    emit(g1, c)
  }
  flush()
  return out
}

const decodeRun = (set: SetName, run: number[]): string => {
  switch (set) {
    case 'ascii':
      return String.fromCharCode(...run)
    case 'jisx0208':
      return decoder('euc-jp').decode(Uint8Array.from(run, (b) => b | 0x80))
    case 'jisx0212': {
      const out: number[] = []
      for (let i = 0; i + 1 < run.length; i += 2) out.push(0x8f, run[i]! | 0x80, run[i + 1]! | 0x80)
      return decoder('euc-jp').decode(Uint8Array.from(out))
    }
    case 'katakana':
      return decoder('euc-jp').decode(Uint8Array.from(run.flatMap((b) => [0x8e, b])))
    case 'ksx1001':
      return decoder('euc-kr').decode(Uint8Array.from(run))
    case 'gb2312':
      return decoder('gb18030').decode(Uint8Array.from(run))
    default:
      return decoder(set.slice(3)).decode(Uint8Array.from(run))
  }
}
