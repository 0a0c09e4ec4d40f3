import { isHttpUrl } from './isHttpUrl.js';
import { shownValue } from './shownValue.js';
import type { ConfigProblem } from './ConfigError.js';
import type { NotifySettings } from './types.js';

/** [notify] keys that only make sense together: e-mail needs a sender and recipients, a webhook an http(s) URL. */
export function notifyProblems(notify: NotifySettings): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (notify.smtp_host !== '') {
    for (const key of ['email_from', 'email_to'] as const) {
      if (notify[key] === '') problems.push({ section: 'notify', key, value: '', expected: 'an e-mail address (smtp_host is set)' });
    }
  }
  if (notify.webhook_url !== '' && !isHttpUrl(notify.webhook_url)) {
    problems.push({
      section: 'notify',
      key: 'webhook_url',
      value: shownValue({ secret: 'url-path' }, notify.webhook_url),
      expected: 'an http:// or https:// URL',
    });
  }
  return problems;
}
