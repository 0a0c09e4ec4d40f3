// What the real tools printed, captured on Debian 12 (daemontools 0.76, runit 2.1.2,
// s6 2.11.3.2) from private svscan, runsvdir and s6-svscan instances on /tmp/cap,
// stdout and stderr together as the agent reads them. `svc -d`, `sv down`, `s6-svc -d`
// made the "stopped" ones; "stubborn" ignores SIGTERM; "crash" exits at once;
// "never" was never scanned; "gone" lost its supervisor (kill -9).

export const SVSTAT = {
  up: '/tmp/cap/dt/up: up (pid 3834) 11 seconds',
  normallyDown: '/tmp/cap/dt/nd: down 11 seconds',
  upNormallyDown: '/tmp/cap/dt/ndup: up (pid 4416) 8 seconds, normally down',
  stopped: '/tmp/cap/dt/stopped: down 8 seconds, normally up',
  paused: '/tmp/cap/dt/paused: up (pid 3860) 11 seconds, paused',
  stubborn: '/tmp/cap/dt/stubborn: up (pid 3833) 11 seconds, want down',
  // supervise sleeps a second after each start: an instance that exited at once still shows up.
  crash: '/tmp/cap/dt/crash: up (pid 5683) 1 seconds',
  never: '/tmp/cap/dt-none/never: unable to open supervise/ok: file does not exist',
  gone: '/tmp/cap/gone/dt/gone: supervise not running',
  missing: '/tmp/cap/dt/missing: unable to chdir: file does not exist',
};

export const SVC = {
  never: 'svc: warning: unable to control /tmp/cap/dt-none/never: file does not exist',
  gone: 'svc: warning: unable to control /tmp/cap/gone/dt/gone: supervise not running',
  missing: 'svc: warning: unable to chdir to /tmp/cap/dt/missing: file does not exist',
};

export const SV_STATUS = {
  up: 'run: /tmp/cap/rn/up: (pid 4068) 10s',
  normallyDown: 'down: /tmp/cap/rn/nd: 10s',
  upNormallyDown: 'run: /tmp/cap/rn/ndup: (pid 4418) 8s, normally down',
  stopped: 'down: /tmp/cap/rn/stopped: 8s, normally up',
  paused: 'run: /tmp/cap/rn/paused: (pid 4071) 9s, paused',
  stubborn: 'run: /tmp/cap/rn/stubborn: (pid 4058) 10s, want down, got TERM',
  crash: 'down: /tmp/cap/rn/crash: 0s, normally up, want up',
  withLog: 'run: /tmp/cap/rn/withlog: (pid 4089) 9s; run: log: (pid 4083) 9s',
  finishing: 'finish: /tmp/cap/rn/fin: (pid 4452) 9s, want down',
  never: 'warning: /tmp/cap/rn-none/never: unable to open supervise/ok: file does not exist',
  gone: 'fail: /tmp/cap/gone/rn/gone: runsv not running',
  missing: 'fail: /tmp/cap/rn/missing: unable to change to service directory: file does not exist',
};

/** `sv -w 2 restart DIR`, with its exit status. */
export const SV_RESTART = {
  up: { output: 'ok: run: /tmp/cap/rn/up: (pid 7147) 1s', exitCode: 0 },
  crash: { output: 'timeout: down: /tmp/cap/rn/crash: 1s, normally up, want up', exitCode: 1 },
  stubborn: { output: 'timeout: run: /tmp/cap/rn/stubborn: (pid 4058) 23s, got TERM', exitCode: 1 },
  never: { output: 'warning: /tmp/cap/rn-none/never: unable to open supervise/ok: file does not exist', exitCode: 1 },
  gone: { output: 'fail: /tmp/cap/gone/rn/gone: runsv not running', exitCode: 1 },
};

export const S6_SVSTAT = {
  up: 'up (pid 3851) 10 seconds',
  normallyDown: 'down (exitcode 0) 10 seconds, ready 10 seconds',
  upNormallyDown: 'up (pid 4417) 7 seconds, normally down',
  stopped: 'down (signal SIGTERM) 7 seconds, normally up, ready 7 seconds',
  paused: 'up (pid 3874) 10 seconds, paused',
  stubborn: 'up (pid 3839) 10 seconds, want down',
  crash: 'down (exitcode 3) 0 seconds, normally up, want up, ready 0 seconds',
  never: 's6-svstat: fatal: : unable to read status for /tmp/cap/s6-none/never: s6-supervise not running',
  gone: 's6-svstat: fatal: : unable to read status for /tmp/cap/gone/s6/gone: s6-supervise not running',
};

/** `s6-svc -r DIR`, with its exit status. */
export const S6_SVC = {
  never: { output: 's6-svc: fatal: : unable to control /tmp/cap/s6-none/never: supervisor not listening', exitCode: 100 },
  missing: { output: 's6-svc: fatal: unable to control /tmp/cap/s6/missing: No such file or directory', exitCode: 111 },
};
