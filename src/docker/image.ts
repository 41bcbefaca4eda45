/**
 * One container image as its build file describes it: stages and the chain of stages the final
 * image is made of, WORKDIR/ENV/ARG in effect, what COPY/ADD brings from the build context and
 * where it lands, every RUN's shell commands, and CMD/ENTRYPOINT.
 */
import { posix } from 'node:path';
import type { BloatIndex } from '../model/bloat.js';
import { dockerMatcher, buildContextsOutsideBloat, type DockerMatcher } from './build-contexts.js';
import type { RepoFacts } from '../model/facts.js';
import { parseDockerfile, type Dockerfile, type Instruction } from './dockerfile.js';
import { parseShell, type ShellCommand } from './shell.js';

export interface Stage {
  index: number;
  name?: string;
  /** The FROM image (variables substituted). */
  base: string;
  /** The stage this one starts from, when FROM names an earlier stage. */
  baseStage?: number;
  from: Instruction;
}

export interface RunStep {
  instruction: Instruction;
  stage: number;
  commands: ShellCommand[];
  /** Written as a heredoc: commands have no file offsets, fixes stay away. */
  heredoc: boolean;
  /** Exec form (`RUN ["pip", ...]`): no shell, fixes stay away. */
  exec: boolean;
  /** ENV (and ARG) values in effect, inherited through FROM <stage>. */
  env: Record<string, string>;
  workdir: string;
  /** `--mount=type=cache` targets. */
  cacheMounts: string[];
  /** `--mount=type=bind` source (in the context) -> target (in the container). */
  bindMounts: Array<{ source: string; target: string }>;
}

export interface CopyStep {
  instruction: Instruction;
  stage: number;
  /** `--from`: a stage index, or an external image name. */
  fromStage?: number;
  fromImage?: string;
  /** Sources relative to the build context (normalized; '' is the whole context). */
  sources: string[];
  /** Absolute destination in the container. */
  dest: string;
  destIsDir: boolean;
}

export interface ImageModel {
  dockerfile: Dockerfile;
  /** The build file, relative to the root. */
  path: string;
  /** The build context folder, relative to the root ('' for the root). */
  context: string;
  ignores: DockerMatcher;
  stages: Stage[];
  /** The final stage and the stages it is built FROM, final first. */
  finalChain: number[];
  /** The final chain plus stages it copies from (recursively): their installs reach the image. */
  contributing: Set<number>;
  runs: RunStep[];
  copies: CopyStep[];
  cmd?: Instruction;
  entrypoint?: Instruction;
  /** Whether a context-relative source is a folder (looked up in the walk). */
  isContextDir(source: string): boolean;
}

/** Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` with known values; unknown ones stay as written. */
export function substitute(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, fallback, bare) => {
    const name = braced ?? bare;
    if (env[name] !== undefined && env[name] !== '') return env[name];
    if (fallback !== undefined && /:?-/.test(whole)) return fallback;
    return whole;
  });
}

/** ENV / ARG arguments: `A=1 B="x y"` or the legacy `A value with spaces`. */
export function keyValues(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  const trimmed = body.trim();
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*=/.test(trimmed)) {
    const m = /^(\S+)(?:\s+(.*))?$/.exec(trimmed);
    if (m) out[m[1]] = (m[2] ?? '').trim();
    return out;
  }
  const re = /([A-Za-z_][A-Za-z0-9_.-]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|(?:[^\s\\]|\\.)*))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(trimmed))) {
    let value = m[2] ?? '';
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    else if (value.startsWith("'")) value = value.slice(1, -1);
    out[m[1]] = value;
  }
  return out;
}

function parseMount(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    else out[part.trim()] = 'true';
  }
  return out;
}

function normalizeContextPath(source: string): string | undefined {
  const p = posix.normalize(source.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (p === '.' || p === '') return '';
  if (p.startsWith('..')) return undefined;
  return p;
}

export function buildImage(facts: RepoFacts, path: string, context: string, text: string): ImageModel {
  const dockerfile = parseDockerfile(path, text);
  const stages: Stage[] = [];
  const runs: RunStep[] = [];
  const copies: CopyStep[] = [];
  const globalArgs: Record<string, string> = {};
  const stageEnv: Array<Record<string, string>> = [];
  const stageWorkdir: string[] = [];
  let cmd: Instruction | undefined;
  let entrypoint: Instruction | undefined;
  let current = -1;
  let env: Record<string, string> = {};
  let workdir = '/';
  const stageIndex = (ref: string): number | undefined => {
    const byName = stages.findIndex((s) => s.name?.toLowerCase() === ref.toLowerCase());
    if (byName >= 0) return byName;
    return /^\d+$/.test(ref) && Number(ref) < stages.length ? Number(ref) : undefined;
  };

  for (const ins of dockerfile.instructions) {
    if (ins.keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(ins.body.trim());
      const base = substitute(m?.[1] ?? '', globalArgs);
      const baseStage = stageIndex(base);
      stages.push({ index: stages.length, name: m?.[2], base, baseStage, from: ins });
      current = stages.length - 1;
      env = baseStage !== undefined ? { ...stageEnv[baseStage] } : {};
      workdir = baseStage !== undefined ? stageWorkdir[baseStage] : '/';
      cmd = baseStage !== undefined ? cmd : undefined;
      entrypoint = baseStage !== undefined ? entrypoint : undefined;
      stageEnv[current] = env;
      stageWorkdir[current] = workdir;
      continue;
    }
    if (current < 0) {
      if (ins.keyword === 'ARG') Object.assign(globalArgs, keyValues(ins.body));
      continue;
    }
    const scope = { ...globalArgs, ...env };
    switch (ins.keyword) {
      case 'ARG': {
        // An ARG inside a stage re-declares a global one (its default carries over).
        for (const [k, v] of Object.entries(keyValues(ins.body))) env[k] = v !== '' ? v : globalArgs[k] ?? '';
        break;
      }
      case 'ENV':
        for (const [k, v] of Object.entries(keyValues(ins.body))) env[k] = substitute(v, scope);
        break;
      case 'WORKDIR': {
        const dir = substitute(ins.body.trim(), scope);
        workdir = dir.startsWith('/') ? posix.normalize(dir) : posix.join(workdir, dir);
        stageWorkdir[current] = workdir;
        break;
      }
      case 'RUN': {
        const heredoc = ins.heredocs.length > 0;
        const commands = ins.exec
          ? [{ assignments: {}, words: ins.exec.map((v) => ({ value: v, start: -1, end: -1 })), start: -1, end: -1 }]
          : heredoc
            ? ins.heredocs.flatMap((h) => parseShell(h.content, -1))
            : parseShell(dockerfile.text.slice(ins.bodyStart, ins.end), ins.bodyStart, dockerfile.escape);
        const mounts = (ins.flags.mount ?? []).map(parseMount);
        runs.push({
          instruction: ins, stage: current, commands, heredoc, exec: Boolean(ins.exec), env: { ...scope }, workdir,
          cacheMounts: mounts.filter((m) => m.type === 'cache').map((m) => m.target ?? m.dst ?? m.destination ?? ''),
          bindMounts: mounts.filter((m) => (m.type ?? 'bind') === 'bind' && (m.source || m.src) && (m.target || m.dst))
            .map((m) => ({ source: m.source ?? m.src, target: m.target ?? m.dst })),
        });
        break;
      }
      case 'COPY':
      case 'ADD': {
        if (ins.heredocs.length > 0) break; // inline files, nothing from the context
        const parts = (ins.exec ?? ins.body.trim().split(/\s+/)).map((p) => substitute(p, scope));
        if (parts.length < 2) break;
        const dest = parts[parts.length - 1];
        const rawSources = parts.slice(0, -1);
        const from = ins.flags.from?.[0];
        const step: CopyStep = {
          instruction: ins, stage: current,
          sources: from ? rawSources : rawSources.filter((s) => !/^[a-z]+:\/\//i.test(s)).map(normalizeContextPath).filter((s): s is string => s !== undefined),
          dest: dest.startsWith('/') ? posix.normalize(dest) : posix.join(workdir, dest),
          destIsDir: dest.endsWith('/') || dest === '.' || rawSources.length > 1,
        };
        if (from) {
          const index = stageIndex(substitute(from, scope));
          if (index !== undefined) step.fromStage = index;
          else step.fromImage = from;
        }
        copies.push(step);
        break;
      }
      case 'CMD':
        cmd = ins;
        break;
      case 'ENTRYPOINT':
        entrypoint = ins;
        break;
      default:
        break;
    }
  }

  const finalChain: number[] = [];
  for (let s: number | undefined = stages.length - 1; s !== undefined && s >= 0 && !finalChain.includes(s); s = stages[s].baseStage) finalChain.push(s);
  const contributing = new Set<number>();
  const queue = [...finalChain];
  while (queue.length > 0) {
    const s = queue.pop()!;
    if (contributing.has(s)) continue;
    contributing.add(s);
    if (stages[s].baseStage !== undefined) queue.push(stages[s].baseStage!);
    for (const c of copies) if (c.stage === s && c.fromStage !== undefined) queue.push(c.fromStage);
  }

  const ignoreFile = ['.containerignore', '.dockerignore'].map((n) => (context ? `${context}/${n}` : n)).find((p) => facts.file(p));
  const ignores = ignoreFile ? dockerMatcher(facts.readText(ignoreFile) ?? '') : () => false;
  const isContextDir = (source: string) => Boolean(facts.dir(context ? posix.join(context, source) : source));
  return { dockerfile, path, context, ignores, stages, finalChain, contributing, runs, copies, cmd, entrypoint, isContextDir };
}

const cache = new WeakMap<RepoFacts, ImageModel[]>();

/** Every container build file of the project (outside bloat), with its build context. */
export function collectImages(facts: RepoFacts, bloat: BloatIndex): ImageModel[] {
  const cached = cache.get(facts);
  if (cached) return cached;
  const images: ImageModel[] = [];
  for (const context of buildContextsOutsideBloat(facts, bloat)) {
    for (const file of context.containerFiles) {
      if (bloat.containing(file)) continue;
      const text = facts.readText(file);
      if (text === undefined) continue;
      images.push(buildImage(facts, file, context.path, text));
    }
  }
  images.sort((a, b) => a.path.localeCompare(b.path));
  cache.set(facts, images);
  return images;
}

/** The build-context path (relative to the root) a container path came from, via COPY/ADD. */
export function contextSourceOf(image: ImageModel, containerPath: string, beforeLine: number, stages: Set<number>): string | undefined {
  const target = posix.normalize(containerPath);
  for (let i = image.copies.length - 1; i >= 0; i--) {
    const c = image.copies[i];
    if (c.instruction.line >= beforeLine || !stages.has(c.stage) || c.fromStage !== undefined || c.fromImage) continue;
    for (const source of c.sources) {
      const name = source.slice(source.lastIndexOf('/') + 1);
      const sourceIsDir = source === '' || image.isContextDir(source);
      let rel: string | undefined;
      if (sourceIsDir) {
        // A folder's contents land in dest.
        if (target === c.dest) rel = source;
        else if (target.startsWith(`${c.dest === '/' ? '' : c.dest}/`)) rel = posix.join(source, target.slice(c.dest === '/' ? 1 : c.dest.length + 1));
      } else {
        const landed = c.destIsDir ? posix.join(c.dest, name) : c.dest;
        if (landed === target) rel = source;
      }
      if (rel !== undefined) return image.context ? posix.join(image.context, rel) : rel;
    }
  }
  return undefined;
}
