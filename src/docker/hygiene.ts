/**
 * Layer hygiene of the stages that make the final image: pip and apt caches left in a layer,
 * recommended packages, the build context copied before dependencies are installed, and
 * compilers left behind. Each problem carries the edits that fix it where the fix is mechanical.
 */
import type { Edit as TextEdit } from '../text/edit.js';
import { indentationAt } from '../text/lines.js';
import { isAptUpdate, pythonInstall, removedPackages, removesAptLists, removesPipCache, systemInstall, type PythonInstall, type SystemInstall } from './commands.js';
import { contextSourceOf, type ImageModel, type RunStep } from './image.js';
import { commandName } from './shell.js';

export interface HygieneProblem {
  rule: string;
  /** Overrides the rule's severity (a builder stage's cache is a lesser problem). */
  severity?: 'info';
  image: ImageModel;
  line: number;
  message: string;
  advice: string;
  edits: TextEdit[];
  fields: Record<string, unknown>;
}

function inFinalImage(image: ImageModel, stage: number): boolean {
  return image.finalChain.includes(stage);
}

function stageName(image: ImageModel, stage: number): string {
  return `"${image.stages[stage].name ?? stage}"`;
}

function describeInstall(install: PythonInstall): string {
  const parts = [...install.requirementFiles.map((f) => `-r ${f}`), ...install.packages.slice(0, 4).map((w) => w.value)];
  if (install.packages.length > 4) parts.push('...');
  return parts.length > 0 ? `${install.tool} ${install.verb.value} ${parts.join(' ')}` : `${install.tool} ${install.verb.value}`;
}

/** Whether edits may be made inside this RUN (shell form with known offsets). */
function editable(run: RunStep): boolean {
  return !run.heredoc && !run.exec;
}

function cacheMounted(run: RunStep, pattern: RegExp): boolean {
  return run.cacheMounts.some((t) => pattern.test(t));
}

export function pipCacheProblems(image: ImageModel): HygieneProblem[] {
  const problems: HygieneProblem[] = [];
  for (const run of image.runs) {
    const final = inFinalImage(image, run.stage);
    if (!final && !image.contributing.has(run.stage)) continue;
    const leaky: PythonInstall[] = [];
    run.commands.forEach((command, index) => {
      const install = pythonInstall(command);
      if (!install || install.buildsOnly || (install.tool !== 'pip' && install.tool !== 'uv') || install.noCacheFlag) return;
      const envVar = install.tool === 'uv' ? 'UV_NO_CACHE' : 'PIP_NO_CACHE_DIR';
      if ((run.env[envVar] ?? command.assignments[envVar] ?? '') !== '') return;
      if (cacheMounted(run, install.tool === 'uv' ? /\.cache(\/uv)?\/?$/ : /\.cache(\/pip)?\/?$/)) return;
      if (run.commands.slice(index + 1).some(removesPipCache)) return;
      leaky.push(install);
    });
    if (leaky.length === 0) continue;
    const canEdit = editable(run) && leaky.every((i) => i.verb.end >= 0);
    const uv = leaky.every((i) => i.tool === 'uv');
    const commands = leaky.map((i) => `\`${commandText(i)}\``).join(' and ');
    const where = final
      ? 'in the image layer: every downloaded wheel is stored a second time'
      : `in the layers of build stage ${stageName(image, run.stage)}: not in the final image, but in every build cache and CI cache that keeps that stage`;
    problems.push({
      rule: 'docker/pip-cache', image, line: run.instruction.line, severity: final ? undefined : 'info',
      message: `${commands} keep${leaky.length === 1 ? 's' : ''} ${uv ? "uv's" : "pip's"} download cache (~/.cache/${uv ? 'uv' : 'pip'}) ${where}`,
      advice: canEdit ? `add ${uv ? '--no-cache' : '--no-cache-dir'} (or set ENV ${uv ? 'UV_NO_CACHE' : 'PIP_NO_CACHE_DIR'}=1)` : `add ${uv ? '--no-cache' : '--no-cache-dir'}, or set ENV ${uv ? 'UV_NO_CACHE' : 'PIP_NO_CACHE_DIR'}=1 before this RUN`,
      edits: canEdit ? leaky.map((i) => ({ start: i.verb.end, end: i.verb.end, text: i.tool === 'uv' ? ' --no-cache' : ' --no-cache-dir' })) : [],
      fields: { image: image.path, stage: image.stages[run.stage].name ?? run.stage, commands: leaky.map(commandText) },
    });
  }
  return problems;
}

/** The command as written (words joined), shortened for messages. */
function commandText(install: PythonInstall): string {
  const text = install.command.words.map((w) => w.value).join(' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Text that appends a command to the end of a RUN, continuing its layout. */
function appendToRun(image: ImageModel, run: RunStep, command: string): TextEdit | undefined {
  const text = image.dockerfile.text;
  const ins = run.instruction;
  const body = text.slice(ins.bodyStart, ins.end).replace(/\s+$/, '');
  if (body === '' || /(&&|\|\||\||&)$/.test(body)) return undefined;
  const joiner = body.endsWith(';') ? ' ' : ' && ';
  if (!ins.multiline) return { start: ins.end, end: ins.end, text: `${joiner}${command}` };
  const indent = indentationAt(text.slice(0, ins.end), ins.end) || '    ';
  const lead = body.endsWith(';') ? '' : '&& ';
  return { start: ins.end, end: ins.end, text: ` ${image.dockerfile.escape}\n${indent}${lead}${command}` }; // `\n`: applying gives it the file's line ending
}

export function aptListsProblems(image: ImageModel): HygieneProblem[] {
  const problems: HygieneProblem[] = [];
  image.runs.forEach((run, runIndex) => {
    const final = inFinalImage(image, run.stage);
    if (!final && !image.contributing.has(run.stage)) return;
    const update = run.commands.findIndex(isAptUpdate);
    if (update < 0) return;
    if (run.commands.slice(update + 1).some(removesAptLists)) return;
    if (cacheMounted(run, /^\/var\/lib\/apt(\/lists)?\/?$/)) return;
    const installsHere = run.commands.slice(update + 1).some((c) => systemInstall(c) !== undefined);
    const later = image.runs.slice(runIndex + 1).find((r) => r.stage === run.stage && r.commands.some(removesAptLists));
    const edit = installsHere && editable(run) ? appendToRun(image, run, 'rm -rf /var/lib/apt/lists/*') : undefined;
    problems.push({
      rule: 'docker/apt-lists', image, line: run.instruction.line, severity: final ? undefined : 'info',
      message: `apt package lists downloaded by \`apt-get update\` stay in this layer (/var/lib/apt/lists, typically 20-50 MB)${final ? '' : ` of build stage ${stageName(image, run.stage)} (not in the final image)`}${later ? `; removing them in a later RUN (line ${later.instruction.line}) does not shrink the image` : ''}`,
      advice: edit
        ? 'remove /var/lib/apt/lists/* at the end of the same RUN'
        : 'run `apt-get update`, the install and `rm -rf /var/lib/apt/lists/*` in one RUN',
      edits: edit ? [edit] : [],
      fields: { image: image.path, stage: image.stages[run.stage].name ?? run.stage },
    });
  });
  return problems;
}

export function aptRecommendsProblems(image: ImageModel): HygieneProblem[] {
  const problems: HygieneProblem[] = [];
  let configured = false;
  for (const run of image.runs) {
    const text = run.commands.map((c) => c.words.map((w) => w.value).join(' ')).join('\n');
    if (/Install-Recommends\s*"?(0|false)"?/i.test(text)) configured = true;
    if (!inFinalImage(image, run.stage) || configured) continue;
    for (const command of run.commands) {
      const install = systemInstall(command);
      if (!install || !/^apt/.test(install.manager) || install.noRecommends) continue;
      const canEdit = editable(run) && install.verb.end >= 0;
      problems.push({
        rule: 'docker/apt-recommends', image, line: run.instruction.line,
        message: `\`${install.manager} install\` of ${install.packages.slice(0, 5).join(', ')}${install.packages.length > 5 ? ', ...' : ''} also installs every "recommended" package (often as much again)`,
        advice: canEdit ? 'add --no-install-recommends' : 'add --no-install-recommends',
        edits: canEdit ? [{ start: install.verb.end, end: install.verb.end, text: ' --no-install-recommends' }] : [],
        fields: { image: image.path, packages: install.packages },
      });
    }
  }
  return problems;
}

export function copyBeforeInstallProblems(image: ImageModel): HygieneProblem[] {
  const problems: HygieneProblem[] = [];
  const reported = new Set<number>();
  for (const run of image.runs) {
    for (const command of run.commands) {
      const install = pythonInstall(command);
      if (!install || install.buildsOnly) continue;
      const named = install.requirementFiles.length > 0 || install.packages.length > 0 || install.tool !== 'pip';
      if (!named) continue;
      const copy = image.copies.find((c) => c.stage === run.stage && c.instruction.line < run.instruction.line && c.fromStage === undefined && !c.fromImage
        && c.sources.some((s) => s === ''));
      if (!copy || reported.has(copy.instruction.line)) continue;
      // Copied earlier on their own, the requirement files would make the install layer cacheable.
      const copiedAlone = install.requirementFiles.length > 0 && install.requirementFiles.every((f) => {
        const containerPath = f.startsWith('/') ? f : `${run.workdir.replace(/\/$/, '')}/${f}`;
        return image.copies.some((c) => c.stage === run.stage && c.instruction.line < copy.instruction.line && c.sources.length > 0
          && c.sources.every((s) => s !== '') && contextSourceOf(image, containerPath, copy.instruction.line, new Set([run.stage])) !== undefined);
      });
      if (copiedAlone) continue;
      reported.add(copy.instruction.line);
      const files = install.requirementFiles.length > 0 ? install.requirementFiles.join(', ') : install.tool === 'pip' ? 'the requirements' : 'pyproject.toml and the lock file';
      problems.push({
        rule: 'docker/copy-before-install', image, line: copy.instruction.line,
        message: `the whole build context is copied (line ${copy.instruction.line}) before \`${describeInstall(install)}\` (line ${run.instruction.line}): any change to any file reinstalls every dependency`,
        advice: `copy ${files} first, install, then COPY the rest`,
        edits: [],
        fields: { image: image.path, installLine: run.instruction.line },
      });
    }
  }
  return problems;
}

const BUILD_TOOL = /^(build-essential|build-base|gcc(-\d+)?|g\+\+(-\d+)?|clang(-\d+)?|make|cmake|ninja-build|autoconf|automake|libtool|pkg-config|pkgconf|gfortran|cargo|rustc|musl-dev|linux-headers|python3?(\.\d+)?-dev|[\w.+-]+-dev|[\w.+-]+-devel)$/;

export function buildToolProblems(image: ImageModel): HygieneProblem[] {
  const problems: HygieneProblem[] = [];
  image.runs.forEach((run, runIndex) => {
    if (!inFinalImage(image, run.stage)) return;
    run.commands.forEach((command, index) => {
      const install: SystemInstall | undefined = systemInstall(command);
      if (!install) return;
      const tools = install.packages.filter((p) => BUILD_TOOL.test(p));
      if (tools.length === 0) return;
      const removedHere = new Set(run.commands.slice(index + 1).flatMap(removedPackages));
      if (install.virtualGroup && removedHere.has(install.virtualGroup)) return;
      const left = tools.filter((t) => !removedHere.has(t));
      if (left.length === 0) return;
      const removedLater = image.runs.slice(runIndex + 1).some((r) => r.commands.some((c) => removedPackages(c).some((p) => left.includes(p) || p === install.virtualGroup)));
      const single = image.stages.length === 1;
      problems.push({
        rule: 'docker/single-stage-build-tools', image, line: run.instruction.line,
        message: `compilers and headers stay in the final image: ${left.join(', ')}${single ? ' (single-stage build)' : ''}${removedLater ? '; removing them in a later RUN does not shrink the image' : ''}`,
        advice: single
          ? 'build wheels (or the venv) in a builder stage and COPY --from it into a slim final stage, or purge the tools at the end of the same RUN'
          : 'install them in the builder stage only, or purge them at the end of the same RUN',
        edits: [],
        fields: { image: image.path, packages: left, manager: commandName(command) },
      });
    });
  });
  return problems;
}
