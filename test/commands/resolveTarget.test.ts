import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../src/commands/resolveTarget.js';
import { processRow } from './processRowFixture.js';

const rows = [
  processRow({ process_id: 1, process_name: 'apache2' }),
  processRow({ process_id: 2, process_name: '7' }),
  processRow({ process_id: 7, process_name: 'sshd' }),
  processRow({ process_id: 8, process_name: 'twin' }),
  processRow({ process_id: 9, process_name: 'twin' }),
  processRow({ process_id: 10, process_name: 'nostatus', in_status: 0 }),
];

describe('resolveTarget', () => {
  it('finds by name, and digits by id first', () => {
    expect(resolveTarget('apache2', rows)).toMatchObject({ ok: true, row: { process_id: 1 } });
    expect(resolveTarget(' 7 ', rows)).toMatchObject({ ok: true, row: { process_id: 7 } });
  });

  it('refuses what it cannot resolve, saying why', () => {
    expect(resolveTarget('', rows)).toMatchObject({ ok: false, message: expect.stringContaining('no process given') as unknown });
    expect(resolveTarget('nginx', rows)).toMatchObject({ ok: false, message: expect.stringContaining('no process with id or name "nginx"') as unknown });
    expect(resolveTarget('twin', rows)).toMatchObject({ ok: false, message: expect.stringContaining('ids 8, 9') as unknown });
    expect(resolveTarget('nostatus', rows)).toMatchObject({ ok: false, message: expect.stringContaining('no STATUS_PROCESS row') as unknown });
  });
});
