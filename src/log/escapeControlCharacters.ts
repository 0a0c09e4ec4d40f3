/**
 * Text from a file or a database made safe for a terminal and a one-line log:
 * C0 controls (ESC starts terminal sequences, CR hides what came before),
 * DEL, C1 (U+009B is a terminal's CSI) and the Unicode line separators are
 * written as \uXXXX. Everything else is left as it is.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
