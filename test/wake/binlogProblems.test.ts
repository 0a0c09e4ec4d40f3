import { describe, expect, it } from 'vitest';
import { binlogProblems } from '../../src/wake/binlogProblems.js';

const ready = { logBin: true, binlogFormat: 'ROW' };

describe('binlogProblems', () => {
  it('names log_bin off and a binlog_format other than ROW', () => {
    expect(binlogProblems({ logBin: false, binlogFormat: 'MIXED' })).toEqual([
      'the server does not write a binary log (log_bin = OFF; start it with log_bin)',
      'binlog_format is MIXED, not ROW',
    ]);
    expect(binlogProblems(ready)).toEqual([]);
  });

  it('reads the global grants, MariaDB spellings and ALL PRIVILEGES included', () => {
    const user = 'GRANT ALL PRIVILEGES ON `db`.* TO `agent`@`localhost`';
    expect(binlogProblems({ ...ready, grants: ['GRANT USAGE ON *.* TO `agent`@`localhost`', user] })).toEqual([
      'the user lacks the REPLICATION SLAVE grant',
      'the user lacks the REPLICATION CLIENT grant',
    ]);
    expect(binlogProblems({ ...ready, grants: ['GRANT BINLOG MONITOR, REPLICATION SLAVE ON *.* TO `agent`@`%`', user] })).toEqual([]);
    expect(binlogProblems({ ...ready, grants: ['GRANT REPLICATION CLIENT ON *.* TO `agent`@`%`'] })).toEqual(['the user lacks the REPLICATION SLAVE grant']);
    expect(binlogProblems({ ...ready, grants: ['GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION'] })).toEqual([]);
  });
});
