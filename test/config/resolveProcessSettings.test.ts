import { describe, expect, it } from 'vitest';
import { resolveProcessSettings } from '../../src/config/resolveProcessSettings.js';
import type { ProcessSettings } from '../../src/config/types.js';

const BUILT_IN: ProcessSettings = {
  restart_strategy: 'auto',
  pre_restart_command: '',
  health_check_command: 'pgrep %s',
  health_check_timeout: 5,
  restart_delay: 2,
  max_attempts: 2,
  flap_threshold: 5,
  flap_window: 300,
  start_command: '',
  stop_timeout: 10,
  command_timeout: 60,
  systemd_scope: 'system',
  process_launcher: 'auto',
  supervisor_config: '',
  service_dir: '',
  notify_on: 'failures',
  restart_command: '',
  stable_time: 0,
  pid_file: '',
  match: '',
};

describe('resolveProcessSettings', () => {
  it("gives the guide's built-in defaults when nothing is set", () => {
    expect(resolveProcessSettings({}, undefined)).toEqual(BUILT_IN);
    expect(resolveProcessSettings({}, {})).toEqual(BUILT_IN);
  });

  it('lets [process.default] override only the keys it sets', () => {
    expect(resolveProcessSettings({ restart_delay: 7, health_check_command: 'true' }, undefined)).toEqual({
      ...BUILT_IN,
      restart_delay: 7,
      health_check_command: 'true',
    });
  });

  it('lets [process.NAME] override [process.default] only where it sets a key', () => {
    const defaults = { restart_delay: 7, max_attempts: 4, restart_strategy: 'process' as const, start_command: '/bin/d' };
    const own = { max_attempts: 1, health_check_timeout: 30 };
    expect(resolveProcessSettings(defaults, own)).toEqual({
      ...BUILT_IN,
      restart_delay: 7,
      restart_strategy: 'process',
      start_command: '/bin/d',
      max_attempts: 1,
      health_check_timeout: 30,
    });
  });

  it('does not change its inputs or share state between calls', () => {
    const defaults = { restart_delay: 7 };
    const own = { max_attempts: 1 };
    const first = resolveProcessSettings(defaults, own);
    first.restart_delay = 99;
    expect(defaults).toEqual({ restart_delay: 7 });
    expect(own).toEqual({ max_attempts: 1 });
    expect(resolveProcessSettings({}, undefined)).toEqual(BUILT_IN);
  });
});
