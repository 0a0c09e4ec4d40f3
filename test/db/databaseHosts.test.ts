import { describe, expect, it } from 'vitest';
import { parseDatabaseHosts } from '../../src/db/databaseHosts.js';

describe('parseDatabaseHosts', () => {
  it("keeps the guide's single host as written, IPv6 addresses included", () => {
    expect(parseDatabaseHosts('localhost', 3306)).toEqual({ ok: true, hosts: [{ host: 'localhost', port: 3306 }] });
    expect(parseDatabaseHosts('::1', 3307)).toEqual({ ok: true, hosts: [{ host: '::1', port: 3307 }] });
    expect(parseDatabaseHosts('db1:3310', 3306)).toEqual({ ok: true, hosts: [{ host: 'db1', port: 3310 }] });
  });

  it('reads a list in order, each with its own port or the default', () => {
    expect(parseDatabaseHosts('db1, db2:3307 ,[fd00::2]:3308,[fd00::3]', 3306)).toEqual({
      ok: true,
      hosts: [
        { host: 'db1', port: 3306 },
        { host: 'db2', port: 3307 },
        { host: 'fd00::2', port: 3308 },
        { host: 'fd00::3', port: 3306 },
      ],
    });
  });

  it('refuses empty entries, bad ports and odd names, saying what is expected', () => {
    const expected = (value: string): string => {
      const result = parseDatabaseHosts(value, 3306);
      return result.ok ? 'accepted' : result.expected;
    };
    expect(expected('db1,,db2')).toMatch(/none of them empty/);
    expect(expected('db1,db2:70000')).toMatch(/port from 1 to 65535/);
    expect(parseDatabaseHosts('db1:0', 3306)).toMatchObject({ ok: false });
    expect(expected('db1,db 2')).toMatch(/"db 2"/);
    expect(parseDatabaseHosts('db1,db2:x', 3306)).toMatchObject({ ok: false });
  });
});
