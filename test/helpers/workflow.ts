/**
 * Running the `run:` steps of the GitHub Actions examples in docs/ci as the runner would (bash -eo
 * pipefail, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, the step's env), with `repolish` on PATH
 * from this build.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { BIN } from './cli.js';
import { gitEnv, tempDir } from './repo.js';

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
export interface Job {
  needs?: string | string[];
  if?: string;
  strategy?: { 'fail-fast'?: boolean; matrix: Record<string, unknown[]> };
  steps: Step[];
}
export interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

export const CI_DOCS = fileURLToPath(new URL('../../docs/ci/', import.meta.url));

export const loadWorkflow = (file: string) => parse(readFileSync(join(CI_DOCS, file), 'utf8')) as Workflow;

let shim: string | undefined;

/** A folder holding a `repolish` that runs this build: what `npm install --global` would put on PATH. */
export function repolishShimDir(): string {
  if (shim) return shim;
  shim = tempDir('repolish-shim-');
  writeFileSync(join(shim, 'repolish'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(shim, 'repolish'), 0o755);
  return shim;
}

export interface StepRun {
  code: number;
  output: string;
  outputs: Record<string, string>;
  summary: string;
  /** RUNNER_TEMP of the run. */
  temp: string;
}

/** Runs a step's script the way the runner does; returns its exit code, output and GITHUB_OUTPUT. */
export function runStep(s: Step, cwd: string, env: Record<string, string> = {}): StepRun {
  const files = tempDir('repolish-runner-');
  const outputFile = join(files, 'output');
  const summaryFile = join(files, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', s.run!], {
    cwd,
    encoding: 'utf8',
    env: { ...gitEnv, PATH: `${repolishShimDir()}:${process.env.PATH}`, NO_COLOR: '1', GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_RUN_ID: '4242', GITHUB_REF_NAME: 'main', RUNNER_TEMP: files, ...env },
  });
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { code: run.status ?? -1, output: `${run.stdout}${run.stderr}`, outputs, summary: readFileSync(summaryFile, 'utf8'), temp: files };
}
