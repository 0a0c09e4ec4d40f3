import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { serversSettingsChanged } from '../../src/commands/startAgentServers.js';
import { flattenSections } from '../../src/config/flattenSections.js';
import type { Config } from '../../src/config/types.js';
import { validateConfig } from '../../src/config/validateConfig.js';

function configOf(text: string): Config {
  const { config, problems } = validateConfig(flattenSections(ini.parse(text)));
  expect(problems).toEqual([]);
  return { file: '/etc/test.ini', ...config };
}

describe('serversSettingsChanged', () => {
  it('tells a reload that changes [metrics] or [web] (read at start only) from one that does not', () => {
    const base = configOf('[web]\nlisten = 9312\n');
    expect(serversSettingsChanged(base, configOf('[web]\nlisten = 9312\n[monitor]\ncheck_interval = 5\n'))).toBe(false);
    expect(serversSettingsChanged(base, configOf('[web]\nlisten = 9313\n'))).toBe(true);
    expect(serversSettingsChanged(base, configOf('[web]\nlisten = 9312\n[metrics]\nlisten = 9311\n'))).toBe(true);
    expect(serversSettingsChanged(base, { ...base, webPassword: 'new' })).toBe(true);
  });
});
