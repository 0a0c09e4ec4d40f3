import type { ParsedValue } from './parseValue.js';
import type { KeySpec } from './schema.js';

/** The value type a key has once parsed: a number, one of its choices, or text. */
type ValueOf<Spec extends KeySpec> = Spec extends { type: 'integer' | 'number' }
  ? number
  : Spec extends { type: 'enum'; choices: readonly (infer Choice)[] }
    ? Choice
    : string;

/** The settings object a list of key specs describes: one field per key, typed by the key's spec. */
export type SettingsOf<Specs extends readonly KeySpec[]> = { -readonly [Spec in Specs[number] as Spec['key']]: ValueOf<Spec> };

/** Is this parsed value of the type its spec gives it (parseValue makes it so)? */
function fitsSpec(spec: KeySpec, value: ParsedValue): boolean {
  switch (spec.type) {
    case 'integer':
    case 'number':
      return typeof value === 'number';
    case 'enum':
      return typeof value === 'string' && (spec.choices ?? []).includes(value);
    case 'string':
    case 'command':
    case 'pattern':
    case 'path':
      return typeof value === 'string';
  }
}

function fitsSpecs(specs: readonly KeySpec[], values: Readonly<Record<string, ParsedValue>>): boolean {
  return Object.entries(values).every(([key, value]) => {
    const spec = specs.find((s) => s.key === key);
    return spec !== undefined && fitsSpec(spec, value);
  });
}

/**
 * Where parsed values get their type: each value is checked against its key's spec
 * here, so the settings types need no cast. `values` holds only keys of `specs`.
 */
export function isPartialSettings<Specs extends readonly KeySpec[]>(
  specs: Specs,
  values: Record<string, ParsedValue>,
): values is Record<string, ParsedValue> & Partial<SettingsOf<Specs>> {
  return fitsSpecs(specs, values);
}

/** The same, and every key of `specs` is there (the built-in defaults). */
export function isCompleteSettings<Specs extends readonly KeySpec[]>(
  specs: Specs,
  values: Record<string, ParsedValue>,
): values is Record<string, ParsedValue> & SettingsOf<Specs> {
  return fitsSpecs(specs, values) && specs.every((spec) => Object.hasOwn(values, spec.key));
}
