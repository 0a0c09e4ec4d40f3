import { describe, expect, it } from 'vitest';
import { needsRotation, rotatedName, rotationRenames } from '../../src/log/rotationPlan.js';

describe('rotationRenames', () => {
  it('shifts the older files oldest first, keeping log_files_to_keep files in all', () => {
    expect(rotationRenames('/var/log/m.log', 5)).toEqual([
      ['/var/log/m.log.3', '/var/log/m.log.4'],
      ['/var/log/m.log.2', '/var/log/m.log.3'],
      ['/var/log/m.log.1', '/var/log/m.log.2'],
    ]);
  });

  it('renames nothing when only the current file and .1 are kept, or only the current one', () => {
    expect(rotationRenames('/l/m.log', 2)).toEqual([]);
    expect(rotationRenames('/l/m.log', 1)).toEqual([]);
  });

  it('names the older files log_file.N', () => {
    expect(rotatedName('/var/log/monitor_service.log', 1)).toBe('/var/log/monitor_service.log.1');
  });
});

describe('needsRotation', () => {
  it('rotates when the line would take the file past the limit', () => {
    expect(needsRotation(1000, 30, 1024)).toBe(true);
    expect(needsRotation(994, 30, 1024)).toBe(false);
  });

  it('never rotates an empty file, even for a line longer than the limit', () => {
    expect(needsRotation(0, 5000, 1024)).toBe(false);
  });
});
