/**
 * One measured run of a command: wall time, CPU time (user + system) and peak resident memory.
 * Node cannot read a child's rusage, so a few lines of Python fork the command and collect it with
 * wait4(2): the kernel's own accounting, covering every thread of the child and the children
 * it waited for (git spawned by repolish, ast-grep's worker threads). Python is already needed
 * by the generator, so this adds nothing to install.
 */
import { spawnSync } from 'node:child_process';

const WAIT4_WRAPPER = `
import json, os, sys, time
argv = json.loads(sys.argv[1])
stdout_path, stderr_path = sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        out = os.open(stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        err = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t0
print(json.dumps({"wall": wall, "user": ru.ru_utime, "sys": ru.ru_stime,
                  "maxRssKb": ru.ru_maxrss, "exitCode": os.waitstatus_to_exitcode(status)}))
`;

export interface Measurement {
  /** Seconds. */
  wall: number;
  /** User + system CPU seconds of the command and the children it waited for. */
  cpu: number;
  /** Peak resident set size, in bytes (the largest process, as the kernel reports it). */
  maxRss: number;
  exitCode: number;
}

/**
 * Runs `argv` once. stdout and stderr go to the given files (`/dev/null` to discard), so the
 * measured command never waits on a pipe that Node is slow to drain.
 */
export function measure(argv: readonly string[], stdoutPath = '/dev/null', stderrPath = '/dev/null', env?: NodeJS.ProcessEnv): Measurement {
  const res = spawnSync('python3', ['-c', WAIT4_WRAPPER, JSON.stringify(argv), stdoutPath, stderrPath], {
    encoding: 'utf8', env: env ?? process.env, maxBuffer: 1 << 20,
  });
  if (res.status !== 0) throw new Error(`measuring ${argv.join(' ')} failed: ${res.stderr || res.error?.message}`);
  const r = JSON.parse(res.stdout) as { wall: number; user: number; sys: number; maxRssKb: number; exitCode: number };
  return { wall: r.wall, cpu: r.user + r.sys, maxRss: r.maxRssKb * 1024, exitCode: r.exitCode };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
