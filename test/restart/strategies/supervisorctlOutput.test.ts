// The readers of supervisorctl's answers, on outputs captured from supervisor 4.2.5
// (Debian 12) with a private supervisord: `supervisorctl -c CONF status NAME` and
// `restart NAME`, stdout and stderr together as the agent reads them.
import { describe, expect, it } from 'vitest';
import { namesOf, parseRestart, parseStatus, shown, statusFromListing } from '../../../src/restart/strategies/supervisorctlOutput.js';

describe('parseStatus', () => {
  it.each([
    ['good', 'good                             RUNNING   pid 16553, uptime 0:00:43\n', 'RUNNING', 'pid 16553, uptime 0:00:43'],
    ['slowstart', 'slowstart                        STARTING  \n', 'STARTING', ''],
    [
      'backoff',
      'backoff                          BACKOFF   Exited too quickly (process log may have details)\n',
      'BACKOFF',
      'Exited too quickly (process log may have details)',
    ],
    ['stopped', 'stopped                          STOPPED   Not started\n', 'STOPPED', 'Not started'],
    ['exits', 'exits                            EXITED    Nov 26 12:52 AM\n', 'EXITED', 'Nov 26 12:52 AM'],
    [
      'crash',
      'crash                            FATAL     Exited too quickly (process log may have details)\n',
      'FATAL',
      'Exited too quickly (process log may have details)',
    ],
    ['grp:ga', 'grp:ga                           RUNNING   pid 24355, uptime 0:00:10\n', 'RUNNING', 'pid 24355, uptime 0:00:10'],
    // A name longer than supervisorctl's 32-character column.
    [
      'a_very_long_program_name_over_thirty_two',
      'a_very_long_program_name_over_thirty_two   RUNNING   pid 29134, uptime 0:00:06\n',
      'RUNNING',
      'pid 29134, uptime 0:00:06',
    ],
    // group:name where the group is the program's own: answered by the program's name.
    ['good:good', 'good                             RUNNING   pid 16553, uptime 0:01:09\n', 'RUNNING', 'pid 16553, uptime 0:01:09'],
  ])('reads the state of %s', (name, output, state, description) => {
    expect(parseStatus(output, name)).toEqual({ kind: 'state', state, description });
  });

  it('tells an unknown program', () => {
    expect(parseStatus('nosuch: ERROR (no such process)\n', 'nosuch')).toEqual({ kind: 'unknown-program', said: 'nosuch: ERROR (no such process)' });
  });

  it.each([
    ['unix:///tmp/supx/sv.sock no such file\n', 'unix:///tmp/supx/sv.sock no such file'],
    ['unix:///tmp/supx/sv.sock refused connection\n', 'unix:///tmp/supx/sv.sock refused connection'],
    ['http://localhost:9001 refused connection\n', 'http://localhost:9001 refused connection'],
  ])('tells a supervisord that is not running: %j', (output, said) => {
    expect(parseStatus(output, 'good')).toEqual({ kind: 'unreachable', said });
  });

  it('passes on anything else as a failure, on one line', () => {
    const auth =
      "Server requires authentication\nerror: <class 'xmlrpc.client.ProtocolError'>, <ProtocolError for 127.0.0.1/RPC2: 401 Unauthorized>: " +
      'file: /usr/lib/python3/dist-packages/supervisor/xmlrpc.py line: 539\n';
    expect(parseStatus(auth, 'good')).toEqual({
      kind: 'failed',
      said: expect.stringMatching(/^Server requires authentication \| error: <class 'xmlrpc\.client\.ProtocolError'>.*401 Unauthorized/) as string,
    });
    expect(parseStatus('Error: could not find config file /nonexistent\nFor help, use /usr/bin/supervisorctl -h\n', 'good')).toEqual({
      kind: 'failed',
      said: 'Error: could not find config file /nonexistent | For help, use /usr/bin/supervisorctl -h',
    });
    expect(parseStatus('', 'good')).toEqual({ kind: 'failed', said: '(no output)' });
  });

  it("never takes another program's line for the one asked about", () => {
    // `status grp:` lists the whole group; neither line is "grp:".
    const group =
      'grp:ga                           RUNNING   pid 24355, uptime 0:00:12\ngrp:gb                           RUNNING   pid 24358, uptime 0:00:12\n';
    expect(parseStatus(group, 'grp:')).toMatchObject({ kind: 'failed' });
    expect(parseStatus(group, 'gb')).toMatchObject({ kind: 'failed' });
    expect(parseStatus(group, 'grp:gb')).toEqual({ kind: 'state', state: 'RUNNING', description: 'pid 24358, uptime 0:00:12' });
  });

  it('escapes control characters in what it keeps', () => {
    expect(parseStatus('web                              FATAL     can\'t find command "\u001b[2J"\n', 'web')).toEqual({
      kind: 'state',
      state: 'FATAL',
      description: 'can\'t find command "\\u001b[2J"',
    });
  });
});

describe('parseRestart', () => {
  it.each([
    ['good', 'good: stopped\ngood: started\n'],
    ['grp:ga', 'grp:ga: stopped\ngrp:ga: started\n'],
    ['good:good', 'good: stopped\ngood: started\n'],
    // A program that was not running (FATAL, STOPPED) is started all the same.
    ['stopped', 'stopped: ERROR (not running)\nstopped: started\n'],
  ])('%s started', (name, output) => {
    expect(parseRestart(output, name)).toMatchObject({ kind: 'started' });
  });

  it('tells a start that did not stay up (supervisord may still retry it)', () => {
    expect(parseRestart('backoff: stopped\nbackoff: ERROR (spawn error)\n', 'backoff')).toEqual({
      kind: 'did-not-stay-up',
      said: 'backoff: stopped | backoff: ERROR (spawn error)',
    });
    expect(parseRestart('dies_late: ERROR (not running)\ndies_late: ERROR (spawn error)\n', 'dies_late')).toMatchObject({ kind: 'did-not-stay-up' });
    // The other message of supervisorctl's start for a program gone before startsecs.
    expect(parseRestart('web: stopped\nweb: ERROR (abnormal termination)\n', 'web')).toMatchObject({ kind: 'did-not-stay-up' });
  });

  it('tells a start supervisord refused', () => {
    expect(parseRestart('nofile: ERROR (not running)\nnofile: ERROR (no such file)\n', 'nofile')).toEqual({
      kind: 'start-refused',
      said: 'nofile: ERROR (not running) | nofile: ERROR (no such file)',
    });
  });

  it('tells an unknown program and a supervisord that is not running', () => {
    expect(parseRestart('nosuch: ERROR (no such process)\nnosuch: ERROR (no such process)\n', 'nosuch')).toMatchObject({ kind: 'unknown-program' });
    expect(parseRestart('unix:///tmp/supx/sv.sock no such file\n', 'good')).toEqual({ kind: 'unreachable', said: 'unix:///tmp/supx/sv.sock no such file' });
    expect(parseRestart('unix:///tmp/supx/sv.sock refused connection\n', 'good')).toMatchObject({ kind: 'unreachable' });
  });

  it('does not call a restart started from lines about other programs, or from a stop alone', () => {
    // What `restart grp:` prints: it restarted the group, not a program named "grp:".
    const group = 'grp:ga: stopped\ngrp:gb: stopped\ngrp:ga: started\ngrp:gb: started\n';
    expect(parseRestart(group, 'grp:')).toMatchObject({ kind: 'failed' });
    expect(parseRestart('good: stopped\n', 'good')).toMatchObject({ kind: 'failed', said: 'good: stopped' });
    expect(parseRestart('Server requires authentication\n', 'good')).toEqual({ kind: 'failed', said: 'Server requires authentication' });
  });
});

describe('statusFromListing (auto: one `supervisorctl status` for every program)', () => {
  const listing =
    'crash                            FATAL     Exited too quickly (process log may have details)\n' +
    'grp:ga                           RUNNING   pid 16601, uptime 0:01:02\n' +
    'grp:gb                           STOPPED   Not started\n' +
    'web                              RUNNING   pid 16553, uptime 0:00:43\n';

  it('answers for a listed program, a group:name one included', () => {
    expect(statusFromListing(listing, 'web')).toEqual({ kind: 'state', state: 'RUNNING', description: 'pid 16553, uptime 0:00:43' });
    expect(statusFromListing(listing, 'grp:gb')).toEqual({ kind: 'state', state: 'STOPPED', description: 'Not started' });
    expect(statusFromListing(listing, 'crash').kind).toBe('state');
  });

  it('a program not in the listing (or an empty one: no programs) does not exist', () => {
    expect(statusFromListing(listing, 'nginx')).toEqual({ kind: 'unknown-program', said: 'nginx is not in supervisorctl status' });
    expect(statusFromListing(listing, 'ga').kind).toBe('unknown-program'); // only grp:ga is
    expect(statusFromListing('', 'nginx').kind).toBe('unknown-program');
  });

  it('says supervisord is unreachable as parseStatus does, and leaves anything that is not a plain listing as failed', () => {
    expect(statusFromListing('unix:///run/supervisor.sock no such file\n', 'web').kind).toBe('unreachable');
    expect(statusFromListing(`${listing}Error: something else\n`, 'nginx').kind).toBe('failed');
  });
});

describe('namesOf and shown', () => {
  it('knows both names supervisorctl may answer with', () => {
    expect(namesOf('web')).toEqual(['web']);
    expect(namesOf('grp:web')).toEqual(['grp:web']);
    expect(namesOf('web:web')).toEqual(['web:web', 'web']);
  });

  it('caps what it keeps', () => {
    const said = shown(['x'.repeat(1000)]);
    expect(said).toHaveLength(301);
    expect(said.endsWith('…')).toBe(true);
  });
});
