import { parseListenAddress } from '../http/listenAddress.js';
import type { ConfigProblem } from './ConfigError.js';
import type { MetricsSettings, WebSettings } from './types.js';

export interface HttpCheck {
  problems: ConfigProblem[];
  warnings: string[];
}

/** Pure: [metrics] and [web] keys that only make sense in a certain shape, or together. */
export function httpProblems(metrics: MetricsSettings, web: WebSettings): HttpCheck {
  const problems: ConfigProblem[] = [];
  const warnings: string[] = [];
  const listens = [
    { section: 'metrics', value: metrics.listen, what: 'metrics are readable by anyone who reaches the port (there is no authentication)' },
    {
      section: 'web',
      value: web.listen,
      what:
        web.web_user === ''
          ? 'the status page is readable by anyone who reaches the port: set web_user and web_password_file'
          : 'HTTP sends the password in clear text',
    },
  ];
  for (const { section, value, what } of listens) {
    if (value === '') continue;
    const parsed = parseListenAddress(value);
    if (!parsed.ok) problems.push({ section, key: 'listen', value, expected: parsed.expected });
    else if (!parsed.address.loopback) warnings.push(`[${section}] listen = ${value} is reachable from other hosts: ${what}`);
  }
  const webAddress = parseListenAddress(web.listen);
  // Port 0 is a free port chosen at start: two of them never clash.
  if (metrics.listen !== '' && metrics.listen === web.listen && webAddress.ok && webAddress.address.port !== 0) {
    problems.push({ section: 'web', key: 'listen', value: web.listen, expected: 'an address other than [metrics] listen' });
  }
  if (metrics.textfile !== '' && !/[^/]\.prom$/.test(metrics.textfile)) {
    problems.push({
      section: 'metrics',
      key: 'textfile',
      value: metrics.textfile,
      expected: "a file name ending in .prom (node_exporter's textfile collector reads only those)",
    });
  }
  if (web.web_user !== '' && web.web_password_file === '') {
    problems.push({ section: 'web', key: 'web_password_file', value: '', expected: 'the file holding the password of web_user' });
  }
  if (web.web_user === '' && web.web_password_file !== '') {
    problems.push({ section: 'web', key: 'web_user', value: '', expected: 'the user name that goes with web_password_file' });
  }
  if (web.web_user.includes(':'))
    problems.push({ section: 'web', key: 'web_user', value: web.web_user, expected: 'a user name without ":" (HTTP basic authentication)' });
  return { problems, warnings };
}
