import { describe, expect, it } from 'vitest';
import { formatHostPort, parseListenAddress } from '../../src/http/listenAddress.js';

describe('parseListenAddress', () => {
  it('takes a port alone as loopback only', () => {
    expect(parseListenAddress('9311')).toEqual({ ok: true, address: { host: '127.0.0.1', port: 9311, loopback: true } });
  });

  it('takes HOST:PORT with an IPv4 address, [IPv6] or localhost, and knows which are loopback', () => {
    expect(parseListenAddress('127.0.0.1:9311')).toEqual({ ok: true, address: { host: '127.0.0.1', port: 9311, loopback: true } });
    expect(parseListenAddress('127.0.0.2:80')).toMatchObject({ ok: true, address: { loopback: true } });
    expect(parseListenAddress('localhost:9312')).toEqual({ ok: true, address: { host: 'localhost', port: 9312, loopback: true } });
    expect(parseListenAddress('[::1]:9311')).toEqual({ ok: true, address: { host: '::1', port: 9311, loopback: true } });
    expect(parseListenAddress('0.0.0.0:9311')).toEqual({ ok: true, address: { host: '0.0.0.0', port: 9311, loopback: false } });
    expect(parseListenAddress('192.0.2.7:9311')).toMatchObject({ ok: true, address: { loopback: false } });
    expect(parseListenAddress('[::]:9311')).toMatchObject({ ok: true, address: { host: '::', loopback: false } });
  });

  it('refuses an empty or wildcard host: other hosts must be let in by writing the address out', () => {
    for (const value of [':9311', '*:9311']) {
      const parsed = parseListenAddress(value);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.expected).toContain('0.0.0.0:9311');
    }
  });

  it('refuses what is not host:port', () => {
    for (const value of [
      '',
      'abc',
      '127.0.0.1',
      '127.0.0.1:',
      '127.0.0.1:65536',
      '127.0.0.1:-1',
      'example.com:80',
      '::1:9311',
      '[zz]:1',
      '1.2.3:9',
      '99999',
      'http://127.0.0.1:9311',
    ]) {
      expect(parseListenAddress(value).ok, value).toBe(false);
    }
  });

  it('writes IPv6 hosts in brackets', () => {
    expect(formatHostPort('::1', 9311)).toBe('[::1]:9311');
    expect(formatHostPort('127.0.0.1', 9311)).toBe('127.0.0.1:9311');
  });
});
