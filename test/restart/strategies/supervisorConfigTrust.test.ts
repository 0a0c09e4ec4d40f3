// supervisor_config is handed to supervisorctl running as root, which takes the server to
// talk to and plugins to import from it: as config.ini, it must be root's alone.
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untrustedSupervisorConfig } from '../../../src/restart/strategies/supervisorConfigTrust.js';
import { skipReasonOrFail } from '../../support/skipRule.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';

describe.skipIf(skipReasonOrFail('root (to chown files)', process.getuid?.() === 0 ? undefined : 'not running as root'))(
  'untrustedSupervisorConfig (as root, on real files)',
  () => {
    let dir: string;
    beforeAll(async () => {
      dir = await makeTempDir('monitor-supconf-');
    });
    afterAll(() => removeTempDir(dir));

    function file(name: string, mode: number, uid = 0, parent = dir): string {
      const at = path.join(parent, name);
      writeFileSync(at, '[supervisorctl]\nserverurl=unix:///run/supervisor.sock\n');
      chmodSync(at, mode);
      chownSync(at, uid, 0);
      return at;
    }

    it("accepts root's file in root's directory (under the sticky /tmp)", () => {
      expect(untrustedSupervisorConfig(file('ok.conf', 0o644))).toBeUndefined();
    });

    it('refuses a file others may write, or that another user owns, naming owner and mode', () => {
      const writable = file('writable.conf', 0o666);
      expect(untrustedSupervisorConfig(writable)).toBe(
        `supervisor_config ${writable} is owned by root but writable by group or others (mode 0666); supervisorctl running as root would take its server and plugins from it`,
      );
      const foreign = file('foreign.conf', 0o600, 1000);
      expect(untrustedSupervisorConfig(foreign)).toContain(`${foreign} is owned by uid 1000, not root (mode 0600)`);
    });

    it("refuses root's file in a directory others can write", () => {
      const open = path.join(dir, 'open');
      mkdirSync(open);
      chmodSync(open, 0o777);
      expect(untrustedSupervisorConfig(file('in-open.conf', 0o600, 0, open))).toContain(
        `its directory ${open} is owned by root but writable by group or others (mode 0777)`,
      );
    });

    it("judges nothing when empty (supervisorctl's own search), missing, or not running as root", () => {
      expect(untrustedSupervisorConfig('')).toBeUndefined();
      expect(untrustedSupervisorConfig(path.join(dir, 'missing.conf'))).toBeUndefined();
      expect(untrustedSupervisorConfig(file('writable2.conf', 0o666), false)).toBeUndefined();
    });
  },
);
