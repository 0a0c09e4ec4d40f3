import { describe, expect, it } from 'vitest';
import { BUILT_IN_DEFAULTS } from '../../src/config/builtInDefaults.js';
import { httpProblems } from '../../src/config/httpProblems.js';
import type { MetricsSettings, WebSettings } from '../../src/config/types.js';

const metrics = (overrides: Partial<MetricsSettings> = {}): MetricsSettings => ({ ...BUILT_IN_DEFAULTS.metrics, ...overrides });
const web = (overrides: Partial<WebSettings> = {}): WebSettings => ({ ...BUILT_IN_DEFAULTS.web, ...overrides });

describe('httpProblems', () => {
  it('has nothing to say about the defaults (both off)', () => {
    expect(httpProblems(metrics(), web())).toEqual({ problems: [], warnings: [] });
  });

  it('names section, key and value of a listen that is not host:port', () => {
    const { problems } = httpProblems(metrics({ listen: 'localhost' }), web({ listen: ':9312' }));
    expect(problems.map((p) => `[${p.section}] ${p.key} = ${p.value}`)).toEqual(['[metrics] listen = localhost', '[web] listen = :9312']);
    expect(problems[0]?.expected).toContain('HOST:PORT');
    expect(problems[1]?.expected).toContain('0.0.0.0:9312');
  });

  it('accepts an address reachable from other hosts when written out, with a warning', () => {
    const { problems, warnings } = httpProblems(metrics({ listen: '0.0.0.0:9311' }), web({ listen: '0.0.0.0:9312' }));
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(/^\[metrics\] listen = 0\.0\.0\.0:9311 is reachable from other hosts: .*no authentication/),
      expect.stringMatching(/^\[web\] listen = 0\.0\.0\.0:9312 is reachable from other hosts: .*set web_user and web_password_file/),
    ]);
  });

  it('refuses the same address twice, a textfile node_exporter would not read, and half of basic authentication', () => {
    expect(httpProblems(metrics({ listen: '9311' }), web({ listen: '9311' })).problems).toEqual([expect.objectContaining({ section: 'web', key: 'listen' })]);
    expect(httpProblems(metrics({ listen: '127.0.0.1:0' }), web({ listen: '127.0.0.1:0' })).problems).toEqual([]);
    const textfile = httpProblems(metrics({ textfile: '/var/lib/node_exporter/monitor_service.txt' }), web()).problems;
    expect(textfile).toEqual([expect.objectContaining({ section: 'metrics', key: 'textfile' })]);
    expect(textfile[0]?.expected).toContain('.prom');
    expect(httpProblems(metrics(), web({ web_user: 'ops' })).problems).toEqual([expect.objectContaining({ section: 'web', key: 'web_password_file' })]);
    expect(httpProblems(metrics(), web({ web_password_file: '/etc/monitor_service/web' })).problems).toEqual([
      expect.objectContaining({ section: 'web', key: 'web_user' }),
    ]);
    expect(httpProblems(metrics(), web({ web_user: 'a:b', web_password_file: '/x' })).problems).toEqual([
      expect.objectContaining({ section: 'web', key: 'web_user', value: 'a:b' }),
    ]);
  });
});
