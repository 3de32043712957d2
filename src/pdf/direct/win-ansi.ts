/*
 * WinAnsiEncoding glyph names by code (ISO 32000-1 Annex D.2), the table that both decodes simple fonts'
 * /Differences (glyph name → code → Unicode through windows-1252) and looks up the standard 14 fonts' AFM widths
 * (code → glyph name). Codes 32–126 and 128–255; windows-1252 gives each code's Unicode value.
 */
const ASCII =
  'space exclam quotedbl numbersign dollar percent ampersand quotesingle parenleft parenright asterisk plus comma hyphen period slash ' +
  'zero one two three four five six seven eight nine colon semicolon less equal greater question at ' +
  'A B C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore grave ' +
  'a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright asciitilde'
const HIGH =
  'Euro . quotesinglbase florin quotedblbase ellipsis dagger daggerdbl circumflex perthousand Scaron guilsinglleft OE . Zcaron . ' +
  '. quoteleft quoteright quotedblleft quotedblright bullet endash emdash tilde trademark scaron guilsinglright oe . zcaron Ydieresis ' +
  'space exclamdown cent sterling currency yen brokenbar section dieresis copyright ordfeminine guillemotleft logicalnot hyphen registered macron ' +
  'degree plusminus twosuperior threesuperior acute mu paragraph periodcentered cedilla onesuperior ordmasculine guillemotright onequarter onehalf threequarters questiondown ' +
  'Agrave Aacute Acircumflex Atilde Adieresis Aring AE Ccedilla Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex Idieresis ' +
  'Eth Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply Oslash Ugrave Uacute Ucircumflex Udieresis Yacute Thorn germandbls ' +
  'agrave aacute acircumflex atilde adieresis aring ae ccedilla egrave eacute ecircumflex edieresis igrave iacute icircumflex idieresis ' +
  'eth ntilde ograve oacute ocircumflex otilde odieresis divide oslash ugrave uacute ucircumflex udieresis yacute thorn ydieresis'

// windows-1252's 0x80–0x9F, written out: Node 20's TextDecoder('windows-1252') decodes that row as Latin-1
// control characters (a bullet became U+0095 on a real FOP manual), and later Nodes do not; 0xA0–0xFF is Latin-1.
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
]
const cp1252 = (code: number): string => String.fromCharCode(code >= 0x80 && code < 0xa0 ? CP1252_HIGH[code - 0x80]! : code)

/** Code → glyph name under WinAnsiEncoding. */
export const WIN_ANSI_NAMES: ReadonlyMap<number, string> = new Map([
  ...ASCII.split(' ').map((n, i) => [32 + i, n] as const),
  ...HIGH.split(' ').flatMap((n, i) => (n === '.' ? [] : [[128 + i, n] as const])),
])

/** Code → Unicode under WinAnsiEncoding (0xA0 and 0xAD are drawn as space and hyphen). */
export const winAnsiText = (code: number): string | undefined => {
  if (!WIN_ANSI_NAMES.has(code)) return undefined
  if (code === 0xa0) return ' '
  if (code === 0xad) return '-'
  return cp1252(code)
}

/** Glyph names outside WinAnsi that text fonts commonly use in /Differences. */
const EXTRA: Record<string, string> = {
  fi: 'fi', fl: 'fl', ff: 'ff', ffi: 'ffi', ffl: 'ffl', minus: '−', fraction: '⁄', dotlessi: 'ı', Lslash: 'Ł', lslash: 'ł',
  quotedbl: '"', nbspace: ' ', sfthyphen: '-', middot: '·', hyphenminus: '-', Delta: 'Δ', Omega: 'Ω', mu1: 'µ', approxequal: '≈',
  notequal: '≠', lessequal: '≤', greaterequal: '≥', infinity: '∞', checkmark: '✓', arrowright: '→',
}

const NAME_TO_TEXT = new Map<string, string>()
for (const [code, name] of WIN_ANSI_NAMES) if (!NAME_TO_TEXT.has(name)) NAME_TO_TEXT.set(name, winAnsiText(code)!)
for (const [name, text] of Object.entries(EXTRA)) NAME_TO_TEXT.set(name, text)

/** A glyph name's text: the tables above, `uniXXXX` and `uXXXX[XX]` forms; undefined when unknown. */
export const glyphNameText = (name: string): string | undefined => {
  const known = NAME_TO_TEXT.get(name)
  if (known !== undefined) return known
  const uni = /^uni([0-9A-F]{4})+$/.exec(name)
  if (uni) return name.slice(3).match(/.{4}/g)!.map((h) => String.fromCharCode(parseInt(h, 16))).join('')
  const u = /^u([0-9A-F]{4,6})$/.exec(name)
  if (u) return String.fromCodePoint(parseInt(u[1]!, 16))
  return undefined
}

/** Unicode → WinAnsi glyph name, for AFM width lookups of standard fonts whose text arrives through /Differences. */
export const nameOfText = (text: string): string | undefined => {
  for (const [code, name] of WIN_ANSI_NAMES) if (winAnsiText(code) === text) return name
  return undefined
}
