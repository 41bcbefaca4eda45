/**
 * `repolish codemod list` and `repolish codemod run NAME[,NAME] [path]`: the diff on stdout (or
 * JSON), the summary and review items on stderr; `--write`, `--patch FILE`, `--branch NAME`.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Codemod } from '../engine/types.js';
import { resolveOptions } from '../engine/options.js';
import { runCodemods, type RunResult } from '../engine/runner.js';
import { UsageError } from '../errors.js';
import { TOOL } from '../version.js';
import { applyChangesInterruptible } from '../patch/apply.js';
import { checkBranchPreconditions, commitOnBranch } from '../patch/branch.js';
import { changeStatus } from '../patch/change.js';
import { createPatch } from '../patch/diff.js';
import { settleInterruptedWrites, writeArtifact } from './common.js';
import { addConfigOptions, configFor } from './config-options.js';
import { refuseUnlessGitReadable } from './git-guard.js';
import { probeRepo } from '../model/git.js';
import { displayPath } from '../model/names.js';
import { requestExitCode } from './exit-code.js';
import { JOBS_FLAGS, JOBS_HELP, parseJobs } from './jobs.js';

/** The registry loads every codemod (ts-morph among them, ~0.5 s): only the codemod commands pay for it. */
async function loadRegistry(): Promise<typeof import('../../codemods/index.js')> {
  return import('../../codemods/index.js');
}

interface RunFlags {
  config?: string | false;
  write?: boolean;
  patch?: string;
  branch?: string;
  option: string[];
  format: string;
  check?: boolean;
  quiet?: boolean;
  jobs?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function selectCodemods(names: string, available: readonly Codemod[]): Codemod[] {
  const wanted = names.split(',').map((n) => n.trim()).filter(Boolean);
  if (wanted.length === 0) throw new UsageError('codemod run: name a codemod (see `repolish codemod list`)');
  const out: Codemod[] = [];
  for (const name of wanted) {
    const c = available.find((m) => m.name === name);
    if (!c) throw new UsageError(`unknown codemod ${name} (available: ${available.map((m) => m.name).join(', ')})`);
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

function counts(result: RunResult): Record<string, number> {
  const c: Record<string, number> = { modified: 0, added: 0, deleted: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const f of result.files) c[f.status] = (c[f.status] ?? 0) + 1;
  return c;
}

function optionsText(result: RunResult): string {
  return result.codemods.map((name) => {
    const opts = Object.entries(result.options[name] ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
    return opts ? `${name} (${opts})` : name;
  }).join('; ');
}

export function commitMessage(result: RunResult): string {
  const c = counts(result);
  const edits = result.files.reduce((n, f) => n + (f.status === 'unchanged' ? 0 : f.edits), 0);
  const lines = [
    `repolish: ${result.codemods.join(', ')}`,
    '',
    `Codemods: ${optionsText(result)}`,
    `Files: ${c.modified} modified, ${c.added} added, ${c.deleted} deleted; ${edits} edits`,
    `Review items: ${result.review.length}`,
  ];
  if (result.review.length) {
    lines.push('');
    for (const r of result.review) lines.push(`- ${r.path}:${r.line}:${r.column}: ${r.message}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * "review (5): 3 would be done with --option templates=remove": when review items name the
 * option that would have let the codemod do them, the headline says so.
 */
export function reviewHeadline(result: RunResult): string {
  const byOption = new Map<string, number>();
  for (const r of result.review) {
    for (const option of new Set(r.message.match(/--option [\w.-]+=[\w.-]+/g) ?? [])) byOption.set(option, (byOption.get(option) ?? 0) + 1);
  }
  const unblock = [...byOption].sort((a, b) => b[1] - a[1]).map(([option, n]) => `${n === result.review.length ? (n === 1 ? 'it' : 'all') : n} would be done with ${option}`);
  return `review (${result.review.length})${unblock.length ? `: ${unblock.join('; ')}` : ''}`;
}

function summary(result: RunResult): string {
  const c = counts(result);
  const out: string[] = [];
  out.push(`${result.codemods.join(', ')}: ${c.modified} modified, ${c.added} added, ${c.deleted} deleted, ${c.unchanged} unchanged, ` +
    `${c.skipped} skipped, ${c.failed} failed (${result.files.length} files looked at, ${result.stats.candidates} contained a trigger)`);
  const skipped = result.files.filter((f) => (f.status === 'skipped' || f.status === 'failed') && f.reason);
  if (result.review.length) {
    out.push(`${reviewHeadline(result)}:`);
    for (const r of result.review) out.push(`  ${displayPath(r.path)}:${r.line}:${r.column}: ${r.message}${result.codemods.length > 1 ? ` [${r.codemod}]` : ''}`);
  }
  if (result.warnings.length) {
    out.push(`warnings (${result.warnings.length}):`);
    for (const w of result.warnings) out.push(`  ${w}`);
  }
  // Skipped or failed files without a warning of their own (symbolic links, for instance).
  const quiet = skipped.filter((f) => !result.warnings.some((w) => w.startsWith(`${f.path}:`)));
  if (quiet.length) {
    out.push(`not transformed (${quiet.length}):`);
    for (const f of quiet) out.push(`  ${displayPath(f.path)}: ${f.reason}`);
  }
  for (const n of result.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}

function jsonReport(result: RunResult, patch: string): string {
  return JSON.stringify({
    schemaVersion: 1,
    tool: TOOL,
    root: result.root,
    codemods: result.codemods,
    options: result.options,
    files: result.changes.map((ch) => ({
      path: ch.path,
      status: changeStatus(ch),
      edits: result.files.find((f) => f.path === ch.path)?.edits ?? 0,
    })),
    review: result.review.map((r) => ({ codemod: r.codemod, path: r.path, line: r.line, column: r.column, message: r.message })),
    skipped: result.files.filter((f) => f.status === 'skipped').map((f) => ({ path: f.path, reason: f.reason })),
    failed: result.files.filter((f) => f.status === 'failed').map((f) => ({ path: f.path, reason: f.reason })),
    warnings: result.warnings,
    notes: result.notes,
    summary: { ...counts(result), lookedAt: result.files.length, candidates: result.stats.candidates },
    patch,
  }, null, 2) + '\n';
}

async function run(names: string, path: string | undefined, flags: RunFlags): Promise<void> {
  if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError(`--format ${flags.format}: expected text or json`);
  if (flags.write && flags.branch) throw new UsageError('--write and --branch exclude each other: --branch leaves the checkout untouched');
  if (flags.check && (flags.write || flags.branch)) throw new UsageError('--check changes nothing: it cannot be used with --write or --branch');
  const jobs = parseJobs(flags.jobs);
  const { codemods: registry, registryUrl } = await loadRegistry();
  const selected = selectCodemods(names, registry);
  const root = resolve(path ?? '.');
  let st;
  try { st = statSync(root); } catch { throw new UsageError(`${path ?? '.'}: no such directory`); }
  if (!st.isDirectory()) throw new UsageError(`${path}: not a directory (codemods run over a project folder)`);
  if (flags.write) settleInterruptedWrites(root);
  if (flags.write || flags.branch) refuseUnlessGitReadable(probeRepo(root), `codemod run ${flags.write ? '--write' : '--branch'}`);
  // --branch: the repository, the name and a clean tree are checked before any codemod runs.
  if (flags.branch) checkBranchPreconditions(root, flags.branch);
  // Options from the configuration file come first, so `--option` on the command line wins.
  const config = configFor(root, flags);
  const configured = config.codemods;
  const fromConfig = selected.flatMap((c) => Object.entries(configured[c.name] ?? {}).map(([key, value]) => `${c.name}.${key}=${String(value)}`));
  const options = resolveOptions(selected, [...fromConfig, ...flags.option]);

  const tty = process.stderr.isTTY === true;
  const result = await runCodemods({
    root,
    codemods: selected.map((codemod) => ({ codemod, options: options.get(codemod.name)! })),
    workers: { registryUrl, count: jobs },
    // Codemods that need scan facts see the configuration `scan` honours (settings, configured paths).
    scan: { settings: config.settings, paths: config.paths },
    progress: tty ? (m) => process.stderr.write(`\r\x1b[K${m}`) : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  const patch = createPatch(result.changes);

  // -q: stdout keeps the artifact; nothing on stderr but errors.
  const say = (text: string) => { if (!flags.quiet) process.stderr.write(text); };
  process.stdout.write(flags.format === 'json' ? jsonReport(result, patch) : patch);
  // A --write with nothing left to do (a second run) says only that, and what still needs a person.
  if (flags.write && result.changes.length === 0) {
    for (const w of result.warnings) say(`warning: ${w}\n`);
    say(`nothing to change${result.review.length ? `; ${reviewHeadline(result)} (a dry run without --write lists them)` : ''}\n`);
    return;
  }
  say(summary(result));
  if (flags.patch) {
    writeArtifact(flags.patch, patch);
    say(`patch written to ${flags.patch}\n`);
  }
  // --check: CI holds the line after a migration (exit 1 while the codemod would still change something).
  if (flags.check && result.changes.length > 0) {
    requestExitCode(1);
    say(`check: ${result.changes.length} file${result.changes.length === 1 ? '' : 's'} would change; failing (--check)\n`);
    return;
  }
  if (result.changes.length === 0) {
    if (flags.write || flags.branch) say('nothing to change\n');
    return;
  }
  if (flags.write) {
    await applyChangesInterruptible(root, result.changes);
    say(`wrote ${result.changes.length} file${result.changes.length === 1 ? '' : 's'}\n`);
  } else if (flags.branch) {
    const made = commitOnBranch(root, flags.branch, result.changes, commitMessage(result));
    say(`created branch ${made.branch} at ${made.commit.slice(0, 12)} (${result.changes.length} file${result.changes.length === 1 ? '' : 's'}); your checkout is unchanged\n`);
  } else {
    say(`dry run: nothing was written (use --write${flags.patch ? '' : ', --patch FILE'} or --branch NAME)\n`);
  }
}

export function registerCodemod(program: Command): void {
  const codemod = program.command('codemod').description('rewrite code and manifests (e.g. openai-whisper -> faster-whisper) as reviewable patches');
  codemod.command('list').description('the available codemods, one line each').option('--options', 'also list each codemod\'s options').action(async (flags: { options?: boolean }) => {
    const { codemods: registry } = await loadRegistry();
    const width = Math.max(...registry.map((c) => c.name.length));
    for (const c of registry) {
      process.stdout.write(`${c.name.padEnd(width)}  ${c.description}\n`);
      if (!flags.options) continue;
      for (const o of c.options) {
        const values = o.allowed ? ` (${o.allowed.join('|')})` : '';
        process.stdout.write(`${' '.repeat(width)}    --option ${o.name}=${o.default}${values}: ${o.description}\n`);
      }
    }
  });
  const runCommand = codemod.command('run')
    .description('dry run: the unified diff on stdout, summary and review items on stderr')
    .argument('<names>', 'codemod name(s), comma-separated')
    .argument('[path]', 'project folder (default: the current directory)')
    .option('--write', 'apply the changes to the files (refused if a file changed since it was read)')
    .option('--patch <file>', 'also write the diff to FILE')
    .option('--branch <name>', 'commit the changes on a new branch made from HEAD (built in a temporary index: no checkout, no hooks)')
    .option('--option <key=value>', 'a codemod option, repeatable (`name.key=value` for one codemod; see `codemod list --options`)', collect, [])
    .option('--format <format>', 'text or json', 'text')
    .option('--check', 'change nothing; exit 1 when the codemod would still change something (CI after a migration)')
    .option('-q, --quiet', 'no summary or review items on stderr')
    .option(JOBS_FLAGS, JOBS_HELP);
  addConfigOptions(runCommand).action(async (names: string, path: string | undefined, flags: RunFlags) => run(names, path, flags));
}
