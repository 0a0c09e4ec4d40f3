import { describe, expect, it } from 'vitest';
import { BUILT_IN_DEFAULTS } from '../../src/config/builtInDefaults.js';
import { LOGGING_KEYS } from '../../src/config/schema.js';
import { isCompleteSettings, isPartialSettings } from '../../src/config/settingsOf.js';

describe('isPartialSettings / isCompleteSettings', () => {
  it('accepts values of the types their specs give them', () => {
    expect(isPartialSettings(LOGGING_KEYS, { level: 'DEBUG', max_log_size: 10 })).toBe(true);
    expect(isPartialSettings(LOGGING_KEYS, {})).toBe(true);
    expect(isCompleteSettings(LOGGING_KEYS, { log_file: '', max_log_size: 1, log_files_to_keep: 1, level: 'ERROR' })).toBe(true);
  });

  it('refuses a value of the wrong type, a choice not listed, a key not in the specs', () => {
    expect(isPartialSettings(LOGGING_KEYS, { max_log_size: '10' })).toBe(false);
    expect(isPartialSettings(LOGGING_KEYS, { log_file: 5 })).toBe(false);
    expect(isPartialSettings(LOGGING_KEYS, { level: 'LOUD' })).toBe(false);
    expect(isPartialSettings(LOGGING_KEYS, { colour: 'blue' })).toBe(false);
  });

  it('calls settings complete only when every key is there', () => {
    expect(isCompleteSettings(LOGGING_KEYS, { log_file: '', max_log_size: 1, level: 'ERROR' })).toBe(false);
  });
});

describe('BUILT_IN_DEFAULTS', () => {
  it('holds every default parsed once, typed, and frozen', () => {
    expect(BUILT_IN_DEFAULTS.logging).toEqual({ log_file: '/var/log/monitor_service.log', max_log_size: 5120, log_files_to_keep: 5, level: 'INFO' });
    expect(BUILT_IN_DEFAULTS.process).toMatchObject({ restart_strategy: 'auto', stop_timeout: 10, health_check_command: 'pgrep %s' });
    expect(BUILT_IN_DEFAULTS.monitor.check_interval).toBe(300);
    expect(Object.isFrozen(BUILT_IN_DEFAULTS.database)).toBe(true);
  });
});
