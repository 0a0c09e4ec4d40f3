import type { KeySpec } from './schema.js';

export type ParsedValue = string | number;
export type ParseResult = { ok: true; value: ParsedValue } | { ok: false; expected: string };

function range(spec: KeySpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return ` from ${spec.min} to ${spec.max}`;
  if (spec.min !== undefined) return ` of at least ${spec.min}`;
  return '';
}

/**
 * A regular expression (JavaScript syntax), or empty for none. One that matches an
 * empty text would match every command line, so every process: refused.
 */
function parsePattern(text: string): ParseResult {
  if (text === '') return { ok: true, value: text };
  if (/[\0\n\r]/.test(text)) return { ok: false, expected: 'a regular expression on a single line' };
  let pattern: RegExp;
  try {
    pattern = new RegExp(text);
  } catch (error) {
    return { ok: false, expected: `a regular expression (${(error as Error).message})` };
  }
  if (pattern.test('')) return { ok: false, expected: 'a regular expression that does not match an empty text (this one matches every process)' };
  return { ok: true, value: text };
}

/** Checks one raw INI value against its spec. Pure: no defaults, no I/O. */
export function parseValue(spec: KeySpec, raw: string): ParseResult {
  const text = raw.trim();
  switch (spec.type) {
    case 'string':
    case 'command':
      if (/[\0\n\r]/.test(text)) return { ok: false, expected: 'a single line of text' };
      return { ok: true, value: text };
    case 'pattern':
      return parsePattern(text);
    case 'path':
      if (/[\0\n\r]/.test(text) || (text !== '' && !text.startsWith('/'))) return { ok: false, expected: 'an absolute path (starting with /), or nothing' };
      return { ok: true, value: text };
    case 'enum': {
      const match = spec.choices?.find((c) => c.toLowerCase() === text.toLowerCase());
      return match ? { ok: true, value: match } : { ok: false, expected: `one of ${spec.choices?.join(', ')}` };
    }
    case 'integer':
    case 'number': {
      const pattern = spec.type === 'integer' ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)$/;
      const n = Number(text);
      const kind = spec.type === 'integer' ? 'a whole number' : 'a number';
      if (!pattern.test(text) || !Number.isFinite(n)) return { ok: false, expected: `${kind}${range(spec)}` };
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        return { ok: false, expected: `${kind}${range(spec)}` };
      }
      return { ok: true, value: n };
    }
  }
}
