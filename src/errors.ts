/** Errors that map to the exit codes of the command contract (DESIGN.md). */

export const EXIT = { ok: 0, failOn: 1, usage: 2, safety: 3 } as const;

/** Bad usage or bad input: exit 2 with one line naming the file and the problem. */
export class UsageError extends Error {
  readonly exitCode = EXIT.usage;
}

/** Refused for safety: dirty tree for --branch, file changed since read, path outside the root. */
export class SafetyError extends Error {
  readonly exitCode = EXIT.safety;
}
