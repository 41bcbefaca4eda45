/**
 * SIGINT/SIGTERM while files are written: the signal is recorded instead of ending the process at
 * once, so the write can finish or roll back and clean up; then the process exits 130 / 143.
 */
const EXIT_CODE: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export class SignalGuard {
  signal: NodeJS.Signals | undefined;
  private readonly onSignal = (signal: NodeJS.Signals) => { this.signal ??= signal; };

  constructor() {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  /** Lets the event loop turn once, so that a signal that has arrived is delivered to us. */
  async settle(): Promise<void> {
    await new Promise<void>((done) => setImmediate(done));
    await new Promise<void>((done) => setImmediate(done));
  }

  /** Says what happened and ends the process with the signal's exit code. */
  exit(message: string): never {
    process.stderr.write(`${message}\n`);
    process.exit(EXIT_CODE[this.signal ?? 'SIGINT'] ?? 130);
  }

  release(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}
