// The daemontools strategy against a private svscan (cases: serviceDirStrategyCases.ts).
import { describeServiceDirStrategy } from './serviceDirStrategyCases.js';

describeServiceDirStrategy('daemontools', {
  // supervise sleeps a second after each start, so the crashed instance still shows up, as a zombie.
  crashLoop: /svstat: \S+\/crashy: (up \(pid \d+\) \d+ seconds?|down \d+ seconds?, normally up, want up)/,
  supervisorGone: 'supervise not running',
  neverSupervised: 'unable to open supervise/ok: file does not exist',
  ignoredTerm: (pid) => `still the process from before the restart (PID ${pid})`,
  startsStopped: false,
  stopCommand: (dir) => ['svc', '-d', dir],
});
