/**
 * The fleet benchmark (part of `npm run bench`): 200 generated repositories scanned through GNU
 * parallel (docs/ci/fleet-parallel.sh, as a team would run it) and merged; then `repolish merge`
 * alone over 100 to 800 reports, to show it stays well under a second per hundred repositories
 * and grows linearly. Results go between the fleet markers in docs/benchmarks.md.
 *
 *   node dist/bench/fleet.js [--repos 200] [--reps 3] [--out DIR] [--no-docs]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { measure, median } from './measure.js';
import { Prng } from './prng.js';
import { packageRoot } from '../src/model/package-root.js';

const ROOT = packageRoot(import.meta.url);
const MERGE_SIZES = [100, 200, 400, 800];

interface Options {
  repos: number;
  reps: number;
  out: string;
  docs: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { repos: 200, reps: 3, out: join(ROOT, 'bench', 'out', 'fleet'), docs: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--repos') opts.repos = Number(argv[++i]);
    else if (arg === '--reps') opts.reps = Number(argv[++i]);
    else if (arg === '--out') opts.out = resolve(argv[++i]);
    else if (arg === '--no-docs') opts.docs = false;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!(opts.repos >= 2) || !(opts.reps >= 1)) throw new Error('--repos at least 2, --reps at least 1');
  return opts;
}

/** Repository i of the fleet: a service with a venv, caches and logs of seeded sizes, committed source. */
function generateRepo(dir: string, prng: Prng): void {
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  const modules = prng.int(3, 12);
  for (let m = 0; m < modules; m++) write(`app/mod${m}.py`, `import json\nimport os\n\n\ndef handler${m}(event):\n    return json.dumps({"n": ${m}, "env": os.environ.get("STAGE")})\n`);
  write('requirements.txt', ['flask==3.0.0', 'requests', ...(prng.chance(0.3) ? ['torch==2.3.0'] : [])].join('\n') + '\n');
  if (prng.chance(0.8)) {
    write('.venv/pyvenv.cfg', 'home = /usr/bin\nversion = 3.11.4\n');
    for (let p = 0, n = prng.int(5, 40); p < n; p++) write(`.venv/lib/python3.11/site-packages/pkg${p}/__init__.py`, Buffer.alloc(prng.int(1, 64) * 1024, 0x61));
  }
  if (prng.chance(0.5)) for (let l = 0, n = prng.int(1, 6); l < n; l++) write(`logs/worker-${l}.log`, Buffer.alloc(prng.int(1, 32) * 1024, 0x6c));
  if (prng.chance(0.4)) write('app/__pycache__/mod0.cpython-311.pyc', Buffer.concat([Buffer.from([0xa7, 0x0d, 0x0d, 0x0a]), Buffer.alloc(prng.int(200, 4000))]));
  const git = (args: string[]) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args], { cwd: dir, stdio: 'ignore' });
  git(['init', '-q']);
  git(['add', 'app', 'requirements.txt']);
  git(['commit', '-q', '-m', 'service']);
}

function generateFleet(opts: Options): string[] {
  const reposDir = join(opts.out, 'repos');
  const stamp = join(opts.out, 'fleet-generated');
  const dirs = Array.from({ length: opts.repos }, (_, i) => join(reposDir, `service-${String(i).padStart(3, '0')}`));
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === String(opts.repos)) return dirs;
  rmSync(opts.out, { recursive: true, force: true });
  const prng = new Prng(20261202);
  for (const dir of dirs) generateRepo(dir, prng);
  writeFileSync(stamp, String(opts.repos));
  return dirs;
}

/** `count` reports made from the real ones, each with its own root, for the merge-only runs. */
function replicate(reportsDir: string, count: number, into: string): void {
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  const originals = readdirSync(reportsDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(reportsDir, f), 'utf8')));
  for (let i = 0; i < count; i++) {
    const report = originals[i % originals.length];
    writeFileSync(join(into, `${i}.json`), JSON.stringify({ ...report, root: `${report.root}-copy${i}` }));
  }
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const repos = generateFleet(opts);
  const shim = join(opts.out, 'bin');
  mkdirSync(shim, { recursive: true });
  writeFileSync(join(shim, 'repolish'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'repolish.js')}" "$@"\n`, { mode: 0o755 });
  const env = { ...process.env, PATH: `${shim}:${process.env.PATH}`, NO_COLOR: '1' };
  const reportsDir = join(opts.out, 'reports');

  const scans = [];
  for (let r = 0; r < opts.reps; r++) {
    rmSync(reportsDir, { recursive: true, force: true });
    const m = measure(['bash', join(ROOT, 'docs', 'ci', 'fleet-parallel.sh'), reportsDir, ...repos], '/dev/null', '/dev/null', env);
    if (m.exitCode !== 0) throw new Error(`fleet-parallel.sh exited ${m.exitCode}`);
    scans.push(m);
  }
  const merges = MERGE_SIZES.map((count) => {
    const dir = join(opts.out, `merge-${count}`);
    replicate(reportsDir, count, dir);
    const runs = Array.from({ length: opts.reps }, () => measure([process.execPath, join(ROOT, 'bin', 'repolish.js'), 'merge', dir, '--format', 'json'], '/dev/null', '/dev/null', env));
    return { count, wall: median(runs.map((m) => m.wall)), maxRss: median(runs.map((m) => m.maxRss)) };
  });
  // Start-up is paid once; the slope between the smallest and largest run is the cost per report.
  const first = merges[0];
  const last = merges[merges.length - 1];
  const perHundred = ((last.wall - first.wall) / (last.count - first.count)) * 100;
  const linear = (last.wall - first.wall) / (merges[1].wall - first.wall) / ((last.count - first.count) / (merges[1].count - first.count));

  const scanWall = median(scans.map((m) => m.wall));
  const lines = [
    '<!-- bench:fleet:start (written by npm run bench; edit outside these markers) -->',
    `Fleet of ${opts.repos} generated repositories, ${cpus().length} cores, median of ${opts.reps} runs.`,
    '',
    '| what | wall | peak memory |',
    '| --- | --- | --- |',
    `| ${opts.repos} scans through \`docs/ci/fleet-parallel.sh\` (GNU parallel, one job per core) and the merge | ${scanWall.toFixed(1)} s (${((scanWall / opts.repos) * 1000).toFixed(0)} ms per repository) | ${(median(scans.map((m) => m.maxRss)) / 1e6).toFixed(0)} MB |`,
    ...merges.map((m) => `| \`repolish merge\` of ${m.count} reports | ${m.wall.toFixed(2)} s | ${(m.maxRss / 1e6).toFixed(0)} MB |`),
    '',
    `Merge cost beyond start-up: ${perHundred.toFixed(3)} s per hundred repositories (target: well under 1 s: ${perHundred < 0.5 ? 'holds' : 'does not hold'}); ` +
      `growth from ${merges[1].count} to ${last.count} reports over growth from ${first.count} to ${merges[1].count}, per report: ${linear.toFixed(2)} (1.00 is linear).`,
    '<!-- bench:fleet:end -->',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (opts.docs) {
    const doc = join(ROOT, 'docs', 'benchmarks.md');
    const text = readFileSync(doc, 'utf8');
    const re = /<!-- bench:fleet:start[\s\S]*?<!-- bench:fleet:end -->/;
    writeFileSync(doc, re.test(text) ? text.replace(re, lines.join('\n')) : `${text.trimEnd()}\n\n## Many repositories\n\n${lines.join('\n')}\n`);
  }
  cpSync(join(reportsDir, 'index.html'), join(opts.out, 'fleet.html'));
}

main();
