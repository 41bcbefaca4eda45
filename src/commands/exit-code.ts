/** The exit code a command asks for without throwing (e.g. 1 when --fail-on is reached). */
let requested = 0;

export function requestExitCode(code: number): void {
  requested = Math.max(requested, code);
}

export function takeRequestedExitCode(): number {
  const code = requested;
  requested = 0;
  return code;
}
