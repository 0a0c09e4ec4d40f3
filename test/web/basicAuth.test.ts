import { describe, expect, it } from 'vitest';
import { basicAuthMatches } from '../../src/web/basicAuth.js';

const header = (text: string): string => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

describe('basicAuthMatches', () => {
  it('accepts exactly the user and password', () => {
    expect(basicAuthMatches(header('ops:s3cret'), 'ops', 's3cret')).toBe(true);
    expect(basicAuthMatches(header('ops:pä:ss'), 'ops', 'pä:ss')).toBe(true);
    expect(basicAuthMatches(`basic  ${Buffer.from('ops:s3cret').toString('base64')}`, 'ops', 's3cret')).toBe(true);
  });

  it('refuses anything else', () => {
    expect(basicAuthMatches(undefined, 'ops', 's3cret')).toBe(false);
    expect(basicAuthMatches('', 'ops', 's3cret')).toBe(false);
    expect(basicAuthMatches(header('ops:s3cre'), 'ops', 's3cret')).toBe(false);
    expect(basicAuthMatches(header('ops:s3cret2'), 'ops', 's3cret')).toBe(false);
    expect(basicAuthMatches(header('op:s3cret'), 'ops', 's3cret')).toBe(false);
    expect(basicAuthMatches(`Bearer ${Buffer.from('ops:s3cret').toString('base64')}`, 'ops', 's3cret')).toBe(false);
    expect(basicAuthMatches('Basic !!!', 'ops', 's3cret')).toBe(false);
  });
});
