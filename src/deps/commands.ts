/**
 * Uses that no import shows: commands that run a package (a server in a Dockerfile CMD, a
 * Procfile, a compose `command:`, shell scripts, Makefiles, CI workflows, commands in the README),
 * `python -m module` and `module:attr` references in them, and tool configuration
 * (`[tool.black]`, `pytest.ini`, `.flake8`, ...).
 */
import { posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { filesOutsideBloatFolders, type BloatIndex } from '../model/bloat.js';
import { joinPath } from '../model/tree.js';
import type { RepoFacts } from '../model/facts.js';
import { isComposeFile } from '../manifests/kinds.js';
import { normalizeName } from '../manifests/requirement.js';
import { collectImages, type ImageModel } from '../docker/image.js';
import { commandName, parseShell, type ShellCommand } from '../docker/shell.js';

export interface CommandUse {
  /** A command name (`uvicorn`) or, for kind `module`, a dotted module (`uvicorn.workers`). */
  name: string;
  kind: 'command' | 'module' | 'config';
  path: string;
  line?: number;
  /** The container build file whose image runs it (CMD, ENTRYPOINT, RUN, or its compose service). */
  image?: string;
}

const RUNNERS = new Set(['run', 'exec']);
const FILE_EXTENSION = /\.(txt|ya?ml|json|py|pyc|sh|cfg|ini|toml|md|log|conf|lock|env|csv|html|js|ts|db|sqlite|gz|zip|whl|so|tar|pem|key|crt)$/i;
const MODULE_WORD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+(:[A-Za-z_][A-Za-z0-9_.]*)?$/;

/** Uses in one parsed shell command: its name, `python -m X`, `poetry run X`, and `a.b:c` arguments. */
export function commandUses(command: ShellCommand, at: Omit<CommandUse, 'name' | 'kind'>, depth = 0): CommandUse[] {
  const uses: CommandUse[] = [];
  const words = command.words.map((w) => w.value);
  if (words.length === 0) return uses;
  const name = commandName(command);
  uses.push({ name, kind: 'command', ...at });
  const m = words.indexOf('-m');
  if (/^python(\d+(\.\d+)?)?$/.test(name) && m > 0 && words[m + 1]) uses.push({ name: words[m + 1], kind: 'module', ...at });
  if (/^(poetry|uv|pipenv|pdm|hatch|pipx|rye)$/.test(name) && RUNNERS.has(words[1] ?? '') && words[2]) {
    const tool = words[2].slice(words[2].lastIndexOf('/') + 1);
    uses.push({ name: tool, kind: 'command', ...at });
    const m2 = words.indexOf('-m', 3);
    if (/^python/.test(tool) && m2 > 0 && words[m2 + 1]) uses.push({ name: words[m2 + 1], kind: 'module', ...at });
  }
  if (name === 'uvx' && words[1]) uses.push({ name: words[1], kind: 'command', ...at });
  if (/^(gunicorn|celery)$/.test(name)) uses.push(...workerUses(words, at));
  // `sh -c "uvicorn app:app"`, `bash -lc "..."`: the script is one word, holding more commands.
  const script = /^(sh|bash|dash|ash|zsh)$/.test(name) ? shellScriptArgument(words) : undefined;
  if (script !== undefined && depth < 3) for (const inner of parseShell(script, -1)) uses.push(...commandUses(inner, at, depth + 1));
  for (const w of words.slice(1)) {
    const value = w.includes('=') && w.startsWith('-') ? w.slice(w.indexOf('=') + 1) : w;
    if (MODULE_WORD.test(value) && !FILE_EXTENSION.test(value.split(':')[0])) uses.push({ name: value.split(':')[0], kind: 'module', ...at });
  }
  return uses;
}

/** The script of `sh -c SCRIPT`, also when -c comes in a cluster of flags (`bash -lc`, `sh -ec`). */
export function shellScriptArgument(words: string[]): string | undefined {
  const flag = words.findIndex((w, i) => i > 0 && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(w));
  return flag > 0 && words[flag + 1] !== undefined ? words[flag + 1] : undefined;
}

/** Worker and pool classes named on a command line: gunicorn `-k gevent`, celery `-P eventlet`. */
const WORKER_FLAGS = /^(-k|--worker-class|-P|--pool)$/;
const WORKER_MODULES: Record<string, string> = { gevent: 'gevent', eventlet: 'eventlet', tornado: 'tornado', uvicorn: 'uvicorn' };

function workerUses(words: string[], at: Omit<CommandUse, 'name' | 'kind'>): CommandUse[] {
  const uses: CommandUse[] = [];
  words.forEach((w, i) => {
    let value: string | undefined;
    if (WORKER_FLAGS.test(w)) value = words[i + 1];
    else if (/^(--worker-class|--pool)=/.test(w)) value = w.slice(w.indexOf('=') + 1);
    const module = value ? WORKER_MODULES[value.split('.')[0]] : undefined;
    if (module) uses.push({ name: module, kind: 'module', ...at });
  });
  return uses;
}

function shellLineUses(line: string, path: string, lineNumber: number, image?: string): CommandUse[] {
  return parseShell(line, -1).flatMap((c) => commandUses(c, { path, line: lineNumber, image }));
}

/** Commands an image runs: CMD, ENTRYPOINT and RUN of the stages that make the final image. */
export function imageUses(image: ImageModel): CommandUse[] {
  const uses: CommandUse[] = [];
  const at = (line: number) => ({ path: image.path, line, image: image.path });
  for (const run of image.runs) {
    if (!image.contributing.has(run.stage)) continue;
    for (const c of run.commands) uses.push(...commandUses(c, at(run.instruction.line)));
  }
  for (const ins of [image.entrypoint, image.cmd]) {
    if (!ins) continue;
    const commands = ins.exec ? [{ assignments: {}, words: ins.exec.map((v) => ({ value: v, start: -1, end: -1 })), start: -1, end: -1 }] : parseShell(ins.body, -1);
    for (const c of commands) {
      uses.push(...commandUses(c, at(ins.line)));
    }
  }
  return uses;
}

const SHELL_FILE = /\.(sh|bash|zsh|ksh)$|(^|\/)(docker-entrypoint|entrypoint|start|run|boot)$/;
const MAKE_FILE = /(^|\/)(GNUmakefile|makefile|Makefile|justfile|Justfile|Taskfile\.ya?ml)$|\.mk$/;
const CI_FILE = /(^|\/)(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|\.circleci\/config\.ya?ml|Jenkinsfile|\.travis\.ya?ml|cloudbuild\.ya?ml|tox\.ini|\.pre-commit-config\.ya?ml|app\.ya?ml|fly\.toml|render\.ya?ml|railway\.(json|toml)|heroku\.yml|supervisord[\w.-]*\.conf|[\w.-]+\.service)$/;
const DOCS = /(^|\/)(README|readme|Readme)[^/]*\.(md|rst|txt)$|(^|\/)docs?\/.*\.(md|rst)$/;

/** Config files that show a tool is used, by file name. */
const CONFIG_FILES: Record<string, string> = {
  'pytest.ini': 'pytest', 'conftest.py': 'pytest', '.flake8': 'flake8', 'mypy.ini': 'mypy', '.mypy.ini': 'mypy',
  '.pylintrc': 'pylint', pylintrc: 'pylint', '.coveragerc': 'coverage', '.isort.cfg': 'isort', 'ruff.toml': 'ruff',
  '.ruff.toml': 'ruff', '.pre-commit-config.yaml': 'pre-commit', '.pre-commit-config.yml': 'pre-commit', 'tox.ini': 'tox',
  'noxfile.py': 'nox', 'mkdocs.yml': 'mkdocs', 'mkdocs.yaml': 'mkdocs', '.bandit': 'bandit', 'pyrightconfig.json': 'pyright',
  '.codespellrc': 'codespell', '.style.yapf': 'yapf', '.pydocstyle': 'pydocstyle', 'alembic.ini': 'alembic', '.cz.toml': 'commitizen',
  '.bumpversion.cfg': 'bump2version', 'locustfile.py': 'locust',
};

/** INI sections (setup.cfg, tox.ini) that configure a tool. */
const INI_SECTION_TOOLS: Array<[RegExp, string]> = [
  [/^(tool:)?pytest$/, 'pytest'], [/^flake8/, 'flake8'], [/^mypy/, 'mypy'], [/^isort$/, 'isort'], [/^coverage:/, 'coverage'],
  [/^pylint/, 'pylint'], [/^pycodestyle$/, 'pycodestyle'], [/^pydocstyle$/, 'pydocstyle'], [/^bandit$/, 'bandit'],
  [/^codespell$/, 'codespell'], [/^(tox|testenv)/, 'tox'], [/^yapf$/, 'yapf'], [/^bumpversion/, 'bump2version'],
];

function composeUses(path: string, text: string): CommandUse[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return [];
  }
  const uses: CommandUse[] = [];
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const services = (doc as { services?: Record<string, Record<string, unknown>> })?.services ?? {};
  const lines = text.split(/\r?\n/);
  for (const [name, service] of Object.entries(services)) {
    if (!service || typeof service !== 'object') continue;
    const build = service.build as string | { context?: string; dockerfile?: string } | undefined;
    let image: string | undefined;
    if (build) {
      const context = posix.join(dir || '.', typeof build === 'string' ? build : build.context ?? '.');
      const dockerfile = typeof build === 'string' ? 'Dockerfile' : build.dockerfile ?? 'Dockerfile';
      image = posix.normalize(posix.join(context, dockerfile));
    }
    for (const key of ['command', 'entrypoint']) {
      const value = service[key];
      if (value === undefined) continue;
      const line = lines.findIndex((l) => new RegExp(`^\\s+${key}\\s*:`).test(l)) + 1 || undefined;
      const script = Array.isArray(value) ? value.map(String).map((v) => (/\s/.test(v) ? `'${v}'` : v)).join(' ') : String(value);
      uses.push(...shellLineUses(script, path, line ?? 1, image).map((u) => ({ ...u, service: name }) as CommandUse));
      const inner = Array.isArray(value) && /^(\/bin\/|\/usr\/bin\/)?(sh|bash|dash|ash|zsh)$/.test(String(value[0])) ? shellScriptArgument(value.map(String)) : undefined;
      if (inner !== undefined) {
        uses.push(...shellLineUses(inner, path, line ?? 1, image));
      }
    }
  }
  return uses;
}

function textFileUses(path: string, text: string, docs: boolean): CommandUse[] {
  const uses: CommandUse[] = [];
  const lines = text.split(/\r?\n/);
  let inFence = !docs;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (docs) {
      if (/^\s*(```|~~~)/.test(line)) {
        inFence = !inFence;
        continue;
      }
      const inline = [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      if (!inFence) {
        for (const snippet of inline) uses.push(...shellLineUses(snippet, path, i + 1));
        continue;
      }
      line = line.replace(/^\s*[$>#]\s+/, '');
    } else {
      // Keys that hold commands in YAML/INI/unit files: keep what follows them.
      line = line.replace(/^\s*(-\s+)?(run|script|command|commands|entrypoint|ExecStart|ExecStartPre|cmd|before_script|after_script)\s*[:=]\s*[|>]?-?\s*/i, '')
        .replace(/^\s*-\s+/, '').replace(/^[\w-]+:\s+(?=\S)/, (m) => (/^(web|worker|release|clock|api|ui|app|beat|scheduler)\b/.test(m) ? '' : m));
      if (/^\s*#/.test(line)) continue;
    }
    uses.push(...shellLineUses(line, path, i + 1));
  }
  return uses;
}

export interface UsageEvidence {
  commands: CommandUse[];
  /** Tools configured in the repository: tool name -> where. */
  configured: Map<string, CommandUse>;
}

const cache = new WeakMap<RepoFacts, UsageEvidence>();

export function collectUsageEvidence(facts: RepoFacts, bloat: BloatIndex): UsageEvidence {
  const cached = cache.get(facts);
  if (cached) return cached;
  const commands: CommandUse[] = [];
  const configured = new Map<string, CommandUse>();
  for (const image of collectImages(facts, bloat)) commands.push(...imageUses(image));
  for (const { dir, file } of filesOutsideBloatFolders(facts.tree, bloat)) {
    if (file.kind !== 'file' || file.size > 2 * 1024 * 1024) continue;
    const name = file.name;
    const configTool = CONFIG_FILES[name];
    // No pattern below matches a `.py` path: of a Python file only the name can say a tool is configured (conftest.py).
    if (configTool === undefined && name.endsWith('.py')) continue;
    const path = joinPath(dir.path, name);
    if (bloat.containing(path)) continue;
    if (configTool && !configured.has(configTool)) configured.set(configTool, { name: configTool, kind: 'config', path });
    const isCompose = isComposeFile(path);
    const isDocs = DOCS.test(path);
    if (!isCompose && !isDocs && !SHELL_FILE.test(path) && !MAKE_FILE.test(path) && !CI_FILE.test(path) && name !== 'Procfile' && name !== 'package.json') {
      if (name === 'pyproject.toml' || name === 'setup.cfg') readToolSections(facts, path, name, configured);
      continue;
    }
    const text = facts.readText(path);
    if (text === undefined) continue;
    if (isCompose) commands.push(...composeUses(path, text));
    else commands.push(...textFileUses(path, text, isDocs));
    if (name === 'tox.ini') readToolSections(facts, path, name, configured);
  }
  const evidence = { commands, configured };
  cache.set(facts, evidence);
  return evidence;
}

function readToolSections(facts: RepoFacts, path: string, name: string, configured: Map<string, CommandUse>): void {
  const text = facts.readText(path);
  if (!text) return;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const header = /^\s*\[([^\]]+)\]/.exec(line)?.[1].trim();
    if (!header) return;
    const tools: string[] = [];
    if (name === 'pyproject.toml') {
      const m = /^tool\.([A-Za-z0-9_-]+)/.exec(header.replace(/"/g, ''));
      if (m) tools.push(normalizeName(m[1]));
    } else {
      for (const [re, tool] of INI_SECTION_TOOLS) if (re.test(header)) tools.push(tool);
    }
    for (const tool of tools) if (!configured.has(tool)) configured.set(tool, { name: tool, kind: 'config', path, line: i + 1 });
  });
}
