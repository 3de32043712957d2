/** A URL as reports may show it: a query string can carry a pre-signed token, so it is hidden. */
export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}${u.search ? '?[query hidden]' : ''}`
  } catch {
    return '[invalid URL]'
  }
}
