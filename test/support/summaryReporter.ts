// Prints one plain closing line, "vitest: N passed, N failed, N skipped", after
// vitest's own summary: the form CI and log readers recognise for any runner.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  private line = '';

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
      // A file that failed to load has no tests to count: count it as a failure.
      if (testModule.state() === 'failed' && testModule.children.size === 0) counts.failed += 1;
    }
    counts.failed += unhandledErrors.length;
    this.line = `vitest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  }

  // vitest's own summary is printed in onFinished, after onTestRunEnd: print ours after it.
  onFinished(): void {
    if (this.line) process.stdout.write(`${this.line}\n`);
  }
}
