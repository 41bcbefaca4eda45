/**
 * Runs Python programs as `python3 PROGRAM` would, each in a fork of one long-lived python3
 * (test/helpers/python-forks.py): a case suite runs dozens of programs, and a fresh interpreter
 * that imports numpy costs a quarter second of CPU each time.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./python-forks.py', import.meta.url));

export interface PythonRun {
  stdout: string;
  stderr: string;
  /** The exit code; null when a signal (the timeout) ended the program. */
  status: number | null;
}

export class PythonForks {
  private server?: ChildProcessWithoutNullStreams;
  private lines?: Interface;
  private outputDir?: string;
  private queue: Promise<unknown> = Promise.resolve();
  private pending: ((line: string) => void)[] = [];

  /** Runs `program` in `cwd` with exactly `env` as its environment (PYTHONPATH included). */
  run(cwd: string, program: string, env: NodeJS.ProcessEnv, timeoutSeconds = 60): Promise<PythonRun> {
    const next = this.queue.then(() => this.runNow(cwd, program, env, timeoutSeconds));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the server and waits for it (it also ends by itself when this process goes away: its stdin closes). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.stdin.end();
      await exited;
    }
    if (this.outputDir) rmSync(this.outputDir, { recursive: true, force: true });
    this.outputDir = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
    delete env.PYTHONPATH;
    const server = spawn('python3', [SERVER], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    server.on('exit', (code, signal) => {
      const waiting = this.pending.splice(0);
      if (this.server === server) this.server = undefined;
      waiting.forEach((answer) => answer(JSON.stringify({ error: `python-forks.py ended (${code ?? signal}): ${stderr}` })));
    });
    this.lines = createInterface({ input: server.stdout });
    this.lines.on('line', (line) => this.pending.shift()?.(line));
    this.outputDir = mkdtempSync(join(tmpdir(), 'repolish-python-forks-'));
    this.server = server;
    return server;
  }

  private async runNow(cwd: string, program: string, env: NodeJS.ProcessEnv, timeout: number): Promise<PythonRun> {
    const server = this.server ?? this.start();
    const stdout = join(this.outputDir!, 'stdout');
    const stderr = join(this.outputDir!, 'stderr');
    const answer = await new Promise<string>((resolve) => {
      this.pending.push(resolve);
      server.stdin.write(`${JSON.stringify({ cwd, program, env, stdout, stderr, timeout })}\n`);
    });
    const reply = JSON.parse(answer) as { status?: number | null; error?: string };
    if (reply.error !== undefined) throw new Error(reply.error);
    return { stdout: readFileSync(stdout, 'utf8'), stderr: readFileSync(stderr, 'utf8'), status: reply.status ?? null };
  }
}
