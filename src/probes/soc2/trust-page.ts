/** What scanvet notes about a vendor's trust page: its title and which attestations it mentions. */
export interface TrustPage {
  readonly title?: string
  readonly mentions: readonly string[]
}

const MENTIONS: readonly [RegExp, string][] = [
  [/SOC\s*2/i, 'SOC 2'],
  [/ISO(?:\/IEC)?\s*27001/i, 'ISO 27001'],
  [/HITRUST/i, 'HITRUST'],
  [/HIPAA/i, 'HIPAA'],
  [/GDPR/i, 'GDPR'],
  [/security\.txt|vulnerability disclosure|bug bounty/i, 'vulnerability disclosure'],
]

/** Read an HTML page's title and the attestations it names. The page is never executed or rendered. */
export const readTrustPage = (html: string): TrustPage => {
  const title = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(html)?.[1]?.replace(/\s+/g, ' ').trim()
  const text = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' ')
  return {...(title ? {title} : {}), mentions: MENTIONS.filter(([re]) => re.test(text)).map(([, name]) => name)}
}
