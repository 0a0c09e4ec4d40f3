// The runit strategy against a private runsvdir (cases: serviceDirStrategyCases.ts).
import { describeServiceDirStrategy } from './serviceDirStrategyCases.js';

describeServiceDirStrategy('runit', {
  // sv -w N restart times out ("timeout: down: …"), or sv status says so afterwards.
  crashLoop: /down: \S+\/crashy: \d+s, normally up, want up/,
  supervisorGone: 'runsv not running',
  neverSupervised: 'unable to open supervise/ok: file does not exist',
  // sv restart waits, then says so itself.
  ignoredTerm: (pid, dir) => `timeout: run: ${dir}: (pid ${pid})`,
  startsStopped: true,
  stopCommand: (dir) => ['sv', 'down', dir],
});
