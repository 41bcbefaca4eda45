/**
 * What the commands of a RUN instruction do, as far as image weight goes: pip/uv installs and
 * their requirement files, system package installs (apt-get, apt, apk, dnf/yum), and the clean-up
 * commands that undo their caches in the same layer.
 */
import { commandName, type ShellCommand, type Word } from './shell.js';

export interface PythonInstall {
  tool: 'pip' | 'uv' | 'poetry' | 'pipenv' | 'conda';
  command: ShellCommand;
  /** The `install` (or `sync`, `wheel`...) word: fixes insert their flag right after it. */
  verb: Word;
  /** `-r FILE` / `--requirement FILE` values, as written. */
  requirementFiles: string[];
  /** Requirement specifiers named on the command line (`torch==2.2`, `uvicorn[standard]`). */
  packages: Word[];
  /** Local paths installed (`.`, `./pkg`, `-e .`): the project's own manifest. */
  localPaths: string[];
  /** `--no-cache-dir` (pip) / `--no-cache` (uv) given. */
  noCacheFlag: boolean;
  /** `pip wheel` / `pip download`: builds files, installs nothing. */
  buildsOnly: boolean;
}

export interface SystemInstall {
  manager: 'apt-get' | 'apt' | 'aptitude' | 'apk' | 'dnf' | 'yum' | 'microdnf';
  command: ShellCommand;
  verb: Word;
  packages: string[];
  noRecommends: boolean;
  /** apk --no-cache, or an apk --virtual group name. */
  noCache: boolean;
  virtualGroup?: string;
}

const PIP = /^pip(\d+(\.\d+)?)?$/;
const PYTHON = /^python(\d+(\.\d+)?)?$/;

function optionValueAfter(words: Word[], index: number, names: string[]): { value: string; next: number } | undefined {
  const w = words[index].value;
  for (const name of names) {
    if (w === name && index + 1 < words.length) return { value: words[index + 1].value, next: index + 2 };
    if (w.startsWith(`${name}=`)) return { value: w.slice(name.length + 1), next: index + 1 };
    if (name.length === 2 && w.startsWith(name) && w.length > 2 && !w.startsWith('--')) return { value: w.slice(2), next: index + 1 };
  }
  return undefined;
}

/** pip options that take a value (so the value is not read as a package). */
const PIP_VALUE_OPTIONS = new Set([
  '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--platform',
  '--python-version', '--implementation', '--abi', '--trusted-host', '--cache-dir', '--progress-bar', '--src',
  '--upgrade-strategy', '--no-binary', '--only-binary', '-w', '--wheel-dir', '-d', '--dest', '--log', '--timeout',
  '--retries', '--proxy', '--cert', '--client-cert', '--config-settings', '-C', '--global-option', '--python', '--report',
  '--exists-action', '-e', '--editable',
]);

/** The Python package install a command performs, if it is one. */
export function pythonInstall(command: ShellCommand): PythonInstall | undefined {
  const words = command.words;
  const name = commandName(command);
  let k = -1;
  let tool: PythonInstall['tool'] = 'pip';
  if (PIP.test(name)) k = 1;
  else if (PYTHON.test(name)) {
    const m = words.findIndex((w, i) => i > 0 && w.value === '-m');
    if (m > 0 && PIP.test(words[m + 1]?.value ?? '')) k = m + 2;
  } else if (name === 'uv' && words[1]?.value === 'pip') {
    tool = 'uv';
    k = 2;
  } else if (name === 'uv' && words[1]?.value === 'sync') {
    return { tool: 'uv', command, verb: words[1], requirementFiles: [], packages: [], localPaths: ['.'], noCacheFlag: words.some((w) => w.value === '--no-cache'), buildsOnly: false };
  } else if ((name === 'poetry' || name === 'pipenv') && (words[1]?.value === 'install' || words[1]?.value === 'sync')) {
    return { tool: name, command, verb: words[1], requirementFiles: [], packages: [], localPaths: ['.'], noCacheFlag: words.some((w) => w.value === '--no-cache'), buildsOnly: false };
  } else if (/^(conda|mamba|micromamba)$/.test(name)) {
    const envCreate = words[1]?.value === 'env' && /^(create|update)$/.test(words[2]?.value ?? '');
    if (!envCreate && words[1]?.value !== 'install' && words[1]?.value !== 'create') return undefined;
    const files: string[] = [];
    for (let i = 1; i < words.length; i++) {
      const v = optionValueAfter(words, i, ['-f', '--file']);
      if (v) files.push(v.value);
    }
    return { tool: 'conda', command, verb: words[envCreate ? 2 : 1], requirementFiles: files, packages: [], localPaths: [], noCacheFlag: false, buildsOnly: false };
  }
  if (k < 0) return undefined;
  // Global options may precede the sub-command (pip --no-cache-dir install ...).
  while (k < words.length && words[k].value.startsWith('-')) k++;
  const verb = words[k];
  if (!verb || !/^(install|wheel|download|sync)$/.test(verb.value)) return undefined;
  const install: PythonInstall = {
    tool, command, verb, requirementFiles: [], packages: [], localPaths: [],
    noCacheFlag: words.some((w) => w.value === '--no-cache-dir' || w.value === '--no-cache'),
    buildsOnly: verb.value === 'wheel' || verb.value === 'download',
  };
  for (let i = k + 1; i < words.length; ) {
    const w = words[i].value;
    const req = optionValueAfter(words, i, ['-r', '--requirement', '-c', '--constraint']);
    if (req) {
      if (!/^(-c|--constraint)/.test(w)) install.requirementFiles.push(req.value);
      i = req.next;
      continue;
    }
    const editable = optionValueAfter(words, i, ['-e', '--editable']);
    if (editable) {
      install.localPaths.push(editable.value);
      i = editable.next;
      continue;
    }
    if (w.startsWith('-')) {
      i += PIP_VALUE_OPTIONS.has(w) ? 2 : 1;
      continue;
    }
    if (/^(\.|\/|~|\$)/.test(w) || /\.(whl|tar\.gz|zip)$/.test(w)) install.localPaths.push(w);
    else install.packages.push(words[i]);
    i++;
  }
  return install;
}

export function systemInstall(command: ShellCommand): SystemInstall | undefined {
  const name = commandName(command) as SystemInstall['manager'];
  if (!['apt-get', 'apt', 'aptitude', 'apk', 'dnf', 'yum', 'microdnf'].includes(name)) return undefined;
  const words = command.words;
  const verbIndex = words.findIndex((w, i) => i > 0 && (name === 'apk' ? w.value === 'add' : w.value === 'install'));
  if (verbIndex < 0) return undefined;
  // Only options may stand between the manager and its verb.
  if (words.slice(1, verbIndex).some((w) => !w.value.startsWith('-'))) return undefined;
  const packages: string[] = [];
  let virtualGroup: string | undefined;
  for (let i = verbIndex + 1; i < words.length; i++) {
    const w = words[i].value;
    if (name === 'apk' && (w === '--virtual' || w === '-t')) {
      virtualGroup = words[i + 1]?.value;
      i++;
      continue;
    }
    if (w.startsWith('-')) {
      if (w === '-o' || w === '--option') i++;
      continue;
    }
    packages.push(w.replace(/[=<>].*$/, ''));
  }
  const all = words.map((w) => w.value);
  return {
    manager: name, command, verb: words[verbIndex], packages,
    noRecommends: all.includes('--no-install-recommends') || all.some((w, i) => /APT::Install-Recommends=("?)(false|0)\1/i.test(w) || (all[i - 1] === '-o' && /Install-Recommends=("?)(false|0)/i.test(w))),
    noCache: all.includes('--no-cache'),
    virtualGroup,
  };
}

export function isAptUpdate(command: ShellCommand): boolean {
  const name = commandName(command);
  return (name === 'apt-get' || name === 'apt') && command.words.some((w, i) => i > 0 && w.value === 'update');
}

/** `rm` of the apt lists (or a clean-up that covers them). */
export function removesAptLists(command: ShellCommand): boolean {
  const name = commandName(command);
  if (name === 'rm') return command.words.some((w) => /^\/var\/lib\/apt\/lists(\/\*?|\/)?$|^\/var\/lib\/apt\/?\*?$|^\/var\/lib\/apt\/lists\/\*$/.test(w.value));
  return false;
}

/** Removes pip's cache directory, or purges it. */
export function removesPipCache(command: ShellCommand): boolean {
  const name = commandName(command);
  const words = command.words.map((w) => w.value);
  if (name === 'rm') return words.some((w) => /(^|\/)\.cache(\/pip)?\/?\*?$/.test(w) || /^(~|\$HOME|\$\{HOME\}|\/root)\/\.cache/.test(w));
  if (PIP.test(name)) return words[1] === 'cache' && (words[2] === 'purge' || words[2] === 'remove');
  if (PYTHON.test(name)) return words.includes('pip') && words.includes('cache') && words.includes('purge');
  if (name === 'uv') return words[1] === 'cache' && (words[2] === 'clean' || words[2] === 'prune');
  return false;
}

/** Packages a command removes again (`apt-get purge`, `apt-get remove`, `apk del`). */
export function removedPackages(command: ShellCommand): string[] {
  const name = commandName(command);
  const words = command.words.map((w) => w.value);
  const verb = name === 'apk' ? words.findIndex((w) => w === 'del') : words.findIndex((w, i) => i > 0 && (w === 'purge' || w === 'remove' || w === 'autoremove' || w === 'erase'));
  if (verb < 0 || !['apt-get', 'apt', 'apk', 'dnf', 'yum', 'microdnf'].includes(name)) return [];
  return words.slice(verb + 1).filter((w) => !w.startsWith('-'));
}
