// The s6 strategy against a private s6-svscan (cases: serviceDirStrategyCases.ts).
import { describeServiceDirStrategy } from './serviceDirStrategyCases.js';

describeServiceDirStrategy('s6', {
  crashLoop: /s6-svstat \S+\/crashy: down \(exitcode 3\) \d+ seconds?, normally up, want up/,
  supervisorGone: 's6-supervise not running',
  // s6-svstat says the same whether an s6-supervise never ran or is gone.
  neverSupervised: 's6-supervise not running',
  ignoredTerm: (pid) => `still the process from before the restart (PID ${pid})`,
  startsStopped: false,
  stopCommand: (dir) => ['s6-svc', '-d', dir],
});
