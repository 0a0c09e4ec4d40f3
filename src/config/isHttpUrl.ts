/** Pure: is `text` an http:// or https:// URL (the webhook and the http watch accept no other)? */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
