/**
 * The GitHub Actions examples in docs/ci, exercised: every `run:` step that does repolish's work
 * runs here as the runner would run it (bash -eo pipefail, in the checkout, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, the step's env), with `repolish` on PATH from this build. Steps
 * that need GitHub itself (`uses:` actions, the install from the registry, `git push`/`gh`) are
 * checked for their wiring only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkflow as load, runStep, type Workflow } from '../helpers/workflow.js';
import { makeRepo, runGit } from '../helpers/repo.js';
import { sarifValidator } from '../report/sarif-schema.js';

const steps = (w: Workflow) => Object.values(w.jobs)[0].steps;
const step = (w: Workflow, name: string) => steps(w).find((s) => s.name === name)!;

describe('docs/ci/repolish-scan.yml (gate + SARIF upload)', () => {
  const workflow = load('repolish-scan.yml');

  it('is wired for code scanning', () => {
    expect(workflow.permissions['security-events']).toBe('write');
    const upload = steps(workflow).find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toContain('!cancelled()');
    const gate = step(workflow, 'Scan (gate)');
    expect(gate.run).toContain(`--output ${upload.with!.sarif_file}`);
    expect(gate.run).toContain('--format sarif');
    expect(gate.run).toContain('--fail-on error');
    for (const s of steps(workflow)) if (s.run) expect(s.run, 'no expressions inside scripts').not.toContain('${{');
  });

  it('fails the job on committed bloat, and still writes SARIF, the summary and the HTML report', () => {
    const repo = makeRepo({ 'app.py': 'print(1)\n', 'server.log': 'x\n', '.gitignore': 'venv/\n' }, ['app.py', 'server.log', '.gitignore']);
    const gate = runStep(step(workflow, 'Scan (gate)'), repo);
    expect(gate.code).toBe(1);
    const sarif = JSON.parse(readFileSync(join(repo, 'repolish.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    const { validate, errors } = sarifValidator();
    expect(validate(sarif) ? '' : errors()).toBe('');
    expect(sarif.runs[0].results.map((r) => r.ruleId)).toContain('git/tracked-bloat');

    const reports = runStep(step(workflow, 'Reports (job summary and HTML)'), repo);
    expect(reports.code).toBe(0);
    expect(reports.summary).toMatch(/^# repolish report: /);
    expect(reports.summary).toContain('git/tracked-bloat');
    expect(existsSync(join(repo, 'repolish-report.html'))).toBe(true);
    expect(step(workflow, 'Keep the HTML report').with!.path).toBe('repolish-report.html');
  });

  it('passes on a repository without errors', () => {
    const repo = makeRepo({ 'app.py': 'print(1)\n', '.gitignore': '*.log\n', 'debug.log': 'x\n' }, ['app.py', '.gitignore']);
    expect(runStep(step(workflow, 'Scan (gate)'), repo).code).toBe(0);
  });
});

describe('docs/ci/repolish-codemod-pr.yml (codemod on a branch, then a pull request)', () => {
  const workflow = load('repolish-codemod-pr.yml');
  const runCodemod = step(workflow, 'Run the codemod on a new branch');

  it('is wired to push the branch the codemod made and open a PR from it', () => {
    expect(workflow.permissions).toMatchObject({ contents: 'write', 'pull-requests': 'write' });
    expect(runCodemod.run).toContain('--branch "$branch"');
    const pr = step(workflow, 'Open the pull request');
    expect(pr.if).toContain(`steps.${runCodemod.id}.outputs.branch`);
    expect(pr.env!.BRANCH).toBe(`\${{ steps.${runCodemod.id}.outputs.branch }}`);
    expect(pr.run).toContain('git push origin "$BRANCH"');
    expect(pr.run).toContain('gh pr create --base "$GITHUB_REF_NAME" --head "$BRANCH"');
    expect(pr.run).toContain('--body-file pr-body.md');
    for (const s of steps(workflow)) if (s.run) expect(s.run, 'no expressions inside scripts').not.toContain('${{');
  });

  it('commits the codemod on a new branch, leaves the checkout alone, and writes the PR description', () => {
    const repo = makeRepo(
      {
        'requirements.txt': 'openai-whisper==20231117\nflask\n',
        'asr.py': 'import whisper\n\nmodel = whisper.load_model("base")\nresult = model.transcribe("a.mp3")\nprint(result["text"])\n',
      },
      ['requirements.txt', 'asr.py'],
    );
    const head = runGit(repo, ['rev-parse', 'HEAD']).trim();
    const run = runStep(runCodemod, repo, { CODEMOD: 'whisper-to-faster-whisper', OPTIONS: 'compute_type=int8' });
    expect(run.code, run.output).toBe(0);
    const branch = 'repolish/whisper-to-faster-whisper-4242';
    expect(run.outputs.branch).toBe(branch);
    expect(runGit(repo, ['rev-parse', 'HEAD']).trim()).toBe(head);
    expect(readFileSync(join(repo, 'asr.py'), 'utf8')).toContain('import whisper');
    const onBranch = runGit(repo, ['show', `${branch}:asr.py`]);
    expect(onBranch).toContain('faster_whisper');
    expect(onBranch).toContain('int8');
    expect(runGit(repo, ['show', `${branch}:requirements.txt`])).toContain('faster-whisper');
    const body = readFileSync(join(repo, 'pr-body.md'), 'utf8');
    expect(body).toContain('- `asr.py` (modified,');
    expect(body).toContain('- `requirements.txt` (modified,');
    expect(body).toContain('Review items');
  });

  it('opens no pull request when the codemod has nothing to change', () => {
    const repo = makeRepo({ 'app.py': 'print(1)\n' }, ['app.py']);
    const run = runStep(runCodemod, repo, { CODEMOD: 'whisper-to-faster-whisper', OPTIONS: '' });
    expect(run.code, run.output).toBe(0);
    expect(run.outputs.branch).toBeUndefined();
    expect(run.summary).toContain('Nothing to change');
  });
});
