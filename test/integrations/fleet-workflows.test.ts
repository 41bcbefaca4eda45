/**
 * The fleet pipelines in docs/ci, exercised against local repositories: each matrix job's `run:`
 * steps run as the runner would, artifacts are handed over as download-artifact would merge them,
 * and the GNU parallel script runs for real over generated repositories.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitEnv, makeRepo, runGit, tempDir, writeTree } from '../helpers/repo.js';
import { CI_DOCS, loadWorkflow, repolishShimDir, runStep } from '../helpers/workflow.js';

const kb = (n: number) => 'x'.repeat(n * 1024);

/** A small service with a venv and logs of `size` KB each, committed source. */
function service(size: number): string {
  return makeRepo({
    'app.py': 'import json\nprint(json.dumps({}))\n',
    '.venv/pyvenv.cfg': 'home = /usr/bin\nversion = 3.11.4\n',
    '.venv/lib/python3.11/site-packages/pkg/core.py': kb(size),
    'logs/app.log': kb(size),
  }, ['app.py']);
}

describe('docs/ci/repolish-fleet-scan.yml (a matrix of scans, then one merge)', () => {
  const workflow = loadWorkflow('repolish-fleet-scan.yml');
  const scanJob = workflow.jobs.scan;
  const mergeJob = workflow.jobs.merge;
  const step = (name: string, job = scanJob) => job.steps.find((s) => s.name === name)!;

  it('is wired: one job per repository, each checked out at its own path, every report merged', () => {
    expect(scanJob.strategy!['fail-fast']).toBe(false);
    expect(scanJob.strategy!.matrix.repository.length).toBeGreaterThan(1);
    const checkout = scanJob.steps.find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with).toMatchObject({ repository: '${{ matrix.repository }}', path: '${{ matrix.repository }}' });
    expect(step('Scan').env!.REPOSITORY).toBe('${{ matrix.repository }}');
    const upload = step('Keep the reports');
    expect(upload.with!.name).toBe('repolish-${{ steps.scan.outputs.name }}');
    expect(mergeJob.needs).toBe('scan');
    expect(mergeJob.if).toContain('!cancelled()');
    const download = mergeJob.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with).toMatchObject({ pattern: 'repolish-*', path: 'reports', 'merge-multiple': true });
    for (const job of [scanJob, mergeJob]) for (const s of job.steps) if (s.run) expect(s.run, 'no expressions inside scripts').not.toContain('${{');
  });

  it('scans each repository in its own job and merges the artifacts into a fleet report whose totals add up', () => {
    const names = ['acme/chatbot', 'acme/asr-api', 'other/chatbot'];
    const artifacts = tempDir('repolish-artifacts-');
    const sizes = [3, 5, 8];
    names.forEach((name, i) => {
      const workspace = tempDir('repolish-job-');
      mkdirSync(join(workspace, name.split('/')[0]), { recursive: true });
      cpSync(service(sizes[i]), join(workspace, name), { recursive: true });
      const scan = runStep(step('Scan'), workspace, { REPOSITORY: name });
      expect(scan.code, scan.output).toBe(0);
      expect(scan.outputs.name).toBe(name.replace('/', '+'));
      // download-artifact with merge-multiple: every job's reports/ in one folder.
      cpSync(join(workspace, 'reports'), artifacts, { recursive: true });
    });
    expect(readdirSync(artifacts).sort()).toEqual(['acme+asr-api.html', 'acme+asr-api.json', 'acme+chatbot.html', 'acme+chatbot.json', 'other+chatbot.html', 'other+chatbot.json']);

    const workspace = tempDir('repolish-merge-job-');
    cpSync(artifacts, join(workspace, 'reports'), { recursive: true });
    const merge = runStep(step('Merge', mergeJob), workspace);
    expect(merge.code, merge.output).toBe(0);
    expect(existsSync(join(workspace, 'reports', 'index.html'))).toBe(true);
    expect(merge.summary).toMatch(/^# repolish fleet report/);
    // Two repositories named chatbot stay apart, each linked to its own HTML report.
    expect(merge.summary).toContain('[acme/chatbot](reports/acme+chatbot.html)');
    expect(merge.summary).toContain('[other/chatbot](reports/other+chatbot.html)');
    const fleet = JSON.parse(spawnSync(join(repolishShimDir(), 'repolish'), ['merge', join(workspace, 'reports'), '--format', 'json'], { encoding: 'utf8', env: gitEnv }).stdout);
    const inputs = readdirSync(artifacts).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(artifacts, f), 'utf8')));
    expect(fleet.totals.bytes).toBe(inputs.reduce((s: number, r: { totals: { bytes: number } }) => s + r.totals.bytes, 0));
    const venvBytes = inputs.flatMap((r: { findings: { rule: string; bytes?: number }[] }) => r.findings).filter((f: { rule: string }) => f.rule === 'bloat/venv').reduce((t: number, f: { bytes?: number }) => t + (f.bytes ?? 0), 0);
    expect(venvBytes).toBeGreaterThan(sizes.reduce((s, n) => s + n * 1024, 0));
    expect(fleet.totals.reclaimable.env).toBe(venvBytes);
    expect(fleet.totals.reclaimable.logs).toBe(sizes.reduce((s, n) => s + n * 1024, 0));
  });
});

describe('docs/ci/repolish-fleet-migrate.yml (a codemod per repository, a pull request where there is a change)', () => {
  const workflow = loadWorkflow('repolish-fleet-migrate.yml');
  const job = workflow.jobs.migrate;
  const step = (name: string) => job.steps.find((s) => s.name === name)!;
  const runCodemod = step('Run the codemod on a new branch');

  it('is wired: the codemod runs inside each checkout, the PR opens only where a branch was made', () => {
    expect(job.strategy!['fail-fast']).toBe(false);
    expect(runCodemod['working-directory']).toBe('${{ matrix.repository }}');
    const pr = step('Open the pull request');
    expect(pr.if).toContain(`steps.${runCodemod.id}.outputs.branch`);
    expect(pr.env).toMatchObject({ BRANCH: `\${{ steps.${runCodemod.id}.outputs.branch }}`, BASE: `\${{ steps.${runCodemod.id}.outputs.base }}` });
    expect(pr.run).toContain('git push origin "$BRANCH"');
    expect(pr.run).toContain('gh pr create --base "$BASE" --head "$BRANCH"');
    expect(step('Keep the codemod report (for `repolish merge`)').with!.path).toBe('${{ runner.temp }}/codemod.json');
    for (const s of job.steps) if (s.run) expect(s.run, 'no expressions inside scripts').not.toContain('${{');
  });

  it('makes a branch and a PR description where the codemod changes something, and nothing elsewhere', () => {
    const asr = makeRepo({
      'requirements.txt': 'openai-whisper==20231117\n',
      'asr.py': 'import whisper\n\nmodel = whisper.load_model("base")\nprint(model.transcribe("a.mp3")["text"])\n',
    }, ['requirements.txt', 'asr.py']);
    const head = runGit(asr, ['rev-parse', 'HEAD']).trim();
    const changed = runStep(runCodemod, asr, { CODEMOD: 'whisper-to-faster-whisper' });
    expect(changed.code, changed.output).toBe(0);
    expect(changed.outputs).toMatchObject({ branch: 'repolish/whisper-to-faster-whisper-4242', base: 'main' });
    expect(runGit(asr, ['rev-parse', 'HEAD']).trim()).toBe(head);
    expect(runGit(asr, ['show', 'repolish/whisper-to-faster-whisper-4242:asr.py'])).toContain('faster_whisper');
    expect(readFileSync(join(changed.temp, 'pr-body.md'), 'utf8')).toContain('- `asr.py` (modified,');
    // The codemod report merges with scans into the fleet report's migration column.
    expect(JSON.parse(readFileSync(join(changed.temp, 'codemod.json'), 'utf8')).codemods).toEqual(['whisper-to-faster-whisper']);

    const quiet = makeRepo({ 'app.py': 'print(1)\n' }, ['app.py']);
    const nothing = runStep(runCodemod, quiet, { CODEMOD: 'whisper-to-faster-whisper' });
    expect(nothing.code, nothing.output).toBe(0);
    expect(nothing.outputs.branch).toBeUndefined();
    expect(nothing.summary).toContain('nothing to change, no pull request');
  });
});

describe('docs/ci/fleet-parallel.sh (GNU parallel over local repositories)', () => {
  it('scans every repository, names the one that fails, and merges the rest', () => {
    const base = tempDir('repolish-parallel-');
    const repos = [2, 4, 6, 8, 10, 12].map((size, i) => {
      const dir = join(base, i === 5 ? 'same name' : `svc${i}`, i >= 4 ? 'api' : '');
      writeTree(dir, { 'app.py': 'print(1)\n', 'logs/app.log': kb(size), '.venv/pyvenv.cfg': 'home = /usr/bin\nversion = 3.12.1\n', '.venv/lib/python3.12/site-packages/m.py': kb(1) });
      return dir;
    });
    const out = join(base, 'reports');
    const run = spawnSync('bash', [join(CI_DOCS, 'fleet-parallel.sh'), out, ...repos, join(base, 'missing')], {
      encoding: 'utf8',
      env: { ...gitEnv, PATH: `${repolishShimDir()}:${process.env.PATH}`, JOBS: '2', NO_COLOR: '1', HOME: base },
    });
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(1);
    expect(run.stderr).toContain('missing: no such directory');
    const reports = readdirSync(out).filter((f) => f.endsWith('.json'));
    expect(reports).toHaveLength(repos.length);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(run.stdout).toContain(`repolish fleet report: ${repos.length} repositories`);
    // Two repositories whose folders are both called `api` keep separate reports and rows.
    expect(reports.filter((f) => f.endsWith('-api.json'))).toHaveLength(2);
    const logs = [2, 4, 6, 8, 10, 12].reduce((s, n) => s + n * 1024, 0);
    expect(run.stdout).toMatch(/logs (\d+(\.\d+)? KB)/);
    const fleet = JSON.parse(spawnSync(join(repolishShimDir(), 'repolish'), ['merge', out, '--format', 'json'], { encoding: 'utf8', env: gitEnv }).stdout);
    expect(fleet.totals.reclaimable.logs).toBe(logs);
  });
});
