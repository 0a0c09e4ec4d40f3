import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_PATH, findConfigPath } from '../../src/config/findConfigPath.js';

describe('findConfigPath', () => {
  it('prefers --config over the environment', () => {
    expect(findConfigPath('/etc/a.ini', { MONITOR_SERVICE_CONFIG: '/etc/b.ini' })).toBe('/etc/a.ini');
  });

  it('uses $MONITOR_SERVICE_CONFIG without --config', () => {
    expect(findConfigPath(undefined, { MONITOR_SERVICE_CONFIG: '/etc/b.ini' })).toBe('/etc/b.ini');
  });

  it('falls back to the installed location named in the guide', () => {
    expect(DEFAULT_CONFIG_PATH).toBe('/opt/monitor_service/config.ini');
    expect(findConfigPath(undefined, {})).toBe('/opt/monitor_service/config.ini');
    expect(findConfigPath(undefined, { MONITOR_SERVICE_CONFIG: '' })).toBe('/opt/monitor_service/config.ini');
  });
});
