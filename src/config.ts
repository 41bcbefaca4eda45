/**
 * Project configuration: `repolish.config.json`, or `[tool.repolish]` in `pyproject.toml` (where a
 * Python team looks first). Both hold the same keys:
 *
 *   rules     { "<rule id>": "off" | "error" | "warning" | "info" }   disable a rule or change its severity
 *   settings  { largeFileBytes, modelWeightsBytes, heavyPackageBytes }  bytes, or a size such as "200 MB"
 *   paths     { data: [...], source: [...] }                          folders or files, relative to the root
 *   codemods  { "<codemod>": { "<option>": value } }                  defaults for `codemod run --option`
 *   ignore    [{ rule?, path?, package? }]                              findings to leave out (path: a glob)
 *
 * A key we do not know is an error that names the key and the file: a typo in a config file must
 * not silently turn a rule back on.
 */
import { existsSync, lstatSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { UsageError } from './errors.js';
import { ProjectFileError, readProjectFile, readUserFile } from './model/project-file.js';
import type { Severity } from './findings.js';
import { DEFAULT_SETTINGS, type Rule, type ScanSettings } from './rules/types.js';
import { positionOf } from './text/lines.js';

export const CONFIG_FILE = 'repolish.config.json';
export const PYPROJECT_FILE = 'pyproject.toml';

export type RuleSetting = Severity | 'off';
export type CodemodOptionValue = string | number | boolean;

export interface RepolishConfig {
  /** The file the configuration came from (as given or found), for messages; undefined when none. */
  file?: string;
  rules: Record<string, RuleSetting>;
  settings: Partial<ScanSettings>;
  paths: { data: string[]; source: string[] };
  codemods: Record<string, Record<string, CodemodOptionValue>>;
  /** Findings to leave out: every given key must match (rule id, path glob, package). */
  ignore?: IgnoreEntry[];
}

export interface IgnoreEntry {
  rule?: string;
  /** A glob on the finding's path (`*` within a folder, `**` across folders); a folder covers what is below it. */
  path?: string;
  package?: string;
}

export const EMPTY_CONFIG: RepolishConfig = { rules: {}, settings: {}, paths: { data: [], source: [] }, codemods: {} };

const TOP_KEYS = ['$schema', 'rules', 'settings', 'paths', 'codemods', 'ignore'] as const;
const IGNORE_KEYS = ['rule', 'path', 'package'] as const;
const PATH_KEYS = ['data', 'source'] as const;
const RULE_SETTINGS: RuleSetting[] = ['off', 'error', 'warning', 'info'];
const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof ScanSettings)[];

/** Shown in messages: relative to the working folder when that is shorter. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

class ConfigReader {
  constructor(
    private readonly file: string,
    /** `[tool.repolish]` for pyproject.toml, so a key reads as the user wrote it. */
    private readonly prefix: string,
  ) {}

  fail(problem: string): never {
    throw new UsageError(`${displayPath(this.file)}: ${problem}`);
  }

  key(path: string): string {
    return this.prefix ? `${this.prefix}.${path}` : path;
  }

  table(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(`"${this.key(path)}" must be a table of keys and values`);
    return value as Record<string, unknown>;
  }

  unknownKey(path: string, known: readonly string[]): never {
    const name = path.slice(path.lastIndexOf('.') + 1);
    const squash = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
    const near = known.find((k) => squash(k) === squash(name));
    this.fail(`unknown key "${this.key(path)}"${near ? ` (did you mean "${near}"?)` : ` (known: ${known.join(', ')})`}`);
  }
}

const SIZE = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)?\s*$/i;
const UNIT: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** A size in bytes: a number, or a string such as "200 MB" / "1.5GiB" (units as `formatBytes` prints them). */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const m = SIZE.exec(value);
  return m ? Math.round(Number(m[1]) * UNIT[(m[2] ?? 'b').toLowerCase()]) : undefined;
}

function normalizeConfigPath(reader: ConfigReader, value: unknown, key: string): string {
  if (typeof value !== 'string' || value.trim() === '') reader.fail(`"${reader.key(key)}" entries must be non-empty strings`);
  const path = value.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  if (path.startsWith('/') || /^[a-z]:/i.test(path) || path.split('/').includes('..')) {
    reader.fail(`"${reader.key(key)}": "${value}" must be a path inside the scanned folder, relative to it`);
  }
  return path === '' ? '.' : path;
}

/** Checks every key and value; `ruleIds` are the rules this build knows. */
export function validateConfig(raw: unknown, file: string, ruleIds: readonly string[], prefix = ''): RepolishConfig {
  const reader = new ConfigReader(file, prefix);
  const top = prefix ? reader.table(raw, '') : (() => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) reader.fail('the configuration must be a JSON object');
    return raw as Record<string, unknown>;
  })();
  const config: RepolishConfig = { file, rules: {}, settings: {}, paths: { data: [], source: [] }, codemods: {} };

  for (const [key, value] of Object.entries(top)) {
    switch (key) {
      case '$schema':
        break;
      case 'rules':
        for (const [id, setting] of Object.entries(reader.table(value, 'rules'))) {
          if (!ruleIds.includes(id)) reader.fail(`unknown rule "${id}" in "${reader.key('rules')}" (rules: ${ruleIds.join(', ')})`);
          if (!RULE_SETTINGS.includes(setting as RuleSetting)) reader.fail(`"${reader.key(`rules.${id}`)}" must be one of ${RULE_SETTINGS.join(', ')} (got ${JSON.stringify(setting)})`);
          config.rules[id] = setting as RuleSetting;
        }
        break;
      case 'settings':
        for (const [name, setting] of Object.entries(reader.table(value, 'settings'))) {
          if (!(SETTING_KEYS as string[]).includes(name)) reader.unknownKey(`settings.${name}`, SETTING_KEYS);
          const bytes = parseSize(setting);
          if (bytes === undefined) reader.fail(`"${reader.key(`settings.${name}`)}" must be a size in bytes or a string such as "200 MB" (got ${JSON.stringify(setting)})`);
          config.settings[name as keyof ScanSettings] = bytes;
        }
        break;
      case 'paths':
        for (const [kind, list] of Object.entries(reader.table(value, 'paths'))) {
          if (!(PATH_KEYS as readonly string[]).includes(kind)) reader.unknownKey(`paths.${kind}`, PATH_KEYS);
          if (!Array.isArray(list)) reader.fail(`"${reader.key(`paths.${kind}`)}" must be a list of paths`);
          config.paths[kind as 'data' | 'source'] = (list as unknown[]).map((p) => normalizeConfigPath(reader, p, `paths.${kind}`));
        }
        break;
      case 'codemods':
        for (const [name, options] of Object.entries(reader.table(value, 'codemods'))) {
          const table = reader.table(options, `codemods.${name}`);
          for (const [option, v] of Object.entries(table)) {
            if (!['string', 'number', 'boolean'].includes(typeof v)) reader.fail(`"${reader.key(`codemods.${name}.${option}`)}" must be a string, number or boolean`);
          }
          config.codemods[name] = table as Record<string, CodemodOptionValue>;
        }
        break;
      case 'ignore':
        config.ignore = readIgnoreEntries(reader, value, ruleIds);
        break;
      default:
        reader.unknownKey(key, TOP_KEYS);
    }
  }
  const both = config.paths.data.filter((p) => config.paths.source.includes(p));
  if (both.length > 0) reader.fail(`"${both[0]}" is listed under both "${reader.key('paths.data')}" and "${reader.key('paths.source')}"`);
  return config;
}

/** `ignore`: a list of { rule?, path?, package? }, each with at least one key; rule ids must exist. */
function readIgnoreEntries(reader: ConfigReader, value: unknown, ruleIds: readonly string[]): IgnoreEntry[] {
  if (!Array.isArray(value)) reader.fail(`"${reader.key('ignore')}" must be a list of { "rule", "path", "package" } entries`);
  return (value as unknown[]).map((raw, i) => {
    const key = `ignore[${i}]`;
    const entry = reader.table(raw, key);
    const out: IgnoreEntry = {};
    for (const [name, v] of Object.entries(entry)) {
      if (!(IGNORE_KEYS as readonly string[]).includes(name)) reader.unknownKey(`${key}.${name}`, IGNORE_KEYS);
      if (typeof v !== 'string' || v.trim() === '') reader.fail(`"${reader.key(`${key}.${name}`)}" must be a non-empty string`);
      out[name as keyof IgnoreEntry] = v;
    }
    if (Object.keys(out).length === 0) reader.fail(`"${reader.key(key)}" needs at least one of ${IGNORE_KEYS.join(', ')}`);
    if (out.rule && !ruleIds.includes(out.rule)) {
      const near = ruleIds.filter((id) => id.endsWith(`/${out.rule!.split('/').pop()}`) || id.startsWith(out.rule!));
      reader.fail(`unknown rule "${out.rule}" in "${reader.key(key)}"${near.length > 0 ? ` (did you mean "${near[0]}"?)` : ''}`);
    }
    return out;
  });
}

/** Edit distance, for "did you mean" on names that are misspelt rather than re-cased. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * The `codemods` table names only codemods this build has (`known`): a misspelt name would
 * otherwise leave its options silently unused. Checked apart from `validateConfig` because the
 * names come from the codemod registry, which scan does not load.
 */
export function checkCodemodNames(config: RepolishConfig, known: readonly string[]): void {
  if (!config.file) return;
  const reader = new ConfigReader(config.file, config.file.endsWith('.toml') ? '[tool.repolish]' : '');
  for (const name of Object.keys(config.codemods)) {
    if (known.includes(name)) continue;
    const squash = (s: string) => s.toLowerCase().replace(/[-_ ]/g, '');
    const near = known.find((k) => squash(k) === squash(name))
      ?? [...known].sort((a, b) => editDistance(name, a) - editDistance(name, b)).find((k) => editDistance(name, k) <= Math.max(2, Math.floor(k.length / 4)));
    reader.fail(`unknown codemod "${name}" in "${reader.key('codemods')}"${near ? ` (did you mean "${near}"?)` : ` (codemods: ${known.join(', ')})`}`);
  }
}

/** Configuration files are small; a bigger one is a mistake or a trap (a link to /dev/zero). */
const CONFIG_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Where a configuration file is read from: the root's own file (only a regular file inside the
 * root, never through a symlink) or the one `--config` names (the user's choice, followed).
 */
interface ConfigSource {
  /** Absolute path, for messages. */
  file: string;
  root?: string;
  name?: string;
}

function readConfigFile(source: ConfigSource): string {
  try {
    const bytes = source.root !== undefined ? readProjectFile(source.root, source.name!, CONFIG_MAX_BYTES) : readUserFile(source.file, CONFIG_MAX_BYTES);
    return bytes.toString('utf8');
  } catch (err) {
    if (!(err instanceof ProjectFileError)) throw err;
    const hint = source.root !== undefined && (err.problem === 'symlink' || err.problem === 'not-regular' || err.problem === 'outside')
      ? ' (configuration is read only from a regular file inside the root; --config FILE names another, --no-config reads none)'
      : '';
    throw new UsageError(`${displayPath(source.file)}: ${err.reason.replace(/^not read: /, 'cannot read: ')}${hint}`);
  }
}

/** A JSON syntax error without the text around it: V8 quotes the file, and the file may not be ours. */
function jsonProblem(err: Error, text: string): string {
  const position = err.message.match(/at position (\d+)/);
  let where = '';
  if (position) {
    const { line, column } = positionOf(text, Number(position[1]));
    where = ` at line ${line}, column ${column}`;
  }
  const what = /["']/.test(err.message) ? 'unexpected character' : err.message.replace(/ in JSON at position \d+.*$/s, '').replace(/ \(line \d+ column \d+\)$/, '');
  return `invalid JSON${where}: ${what}`;
}

function parseJsonConfig(source: ConfigSource, ruleIds: readonly string[]): RepolishConfig {
  const text = readConfigFile(source);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${displayPath(source.file)}: ${jsonProblem(err as Error, text)}`);
  }
  return validateConfig(raw, source.file, ruleIds);
}

/** The `[tool.repolish]` table, or undefined when the pyproject has none. */
function readPyprojectTable(source: ConfigSource): unknown {
  const file = source.file;
  const text = readConfigFile(source);
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    const where = err instanceof TomlError ? ` (line ${err.line}, column ${err.column})` : '';
    // The first line of smol-toml's message describes the problem; the lines after it quote the file.
    throw new UsageError(`${displayPath(file)}: invalid TOML${where}: ${(err as Error).message.split('\n')[0]}`);
  }
  const tool = doc.tool as Record<string, unknown> | undefined;
  return tool && typeof tool === 'object' ? tool.repolish : undefined;
}

function presentInRoot(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

export interface LoadConfigOptions {
  /** `--config FILE`: this file and no other (JSON, or a pyproject.toml). */
  explicit?: string;
  /** The rule ids this build knows, to reject a misspelled one. */
  ruleIds: readonly string[];
}

/**
 * The configuration for a scan of `root`: `--config FILE` when given, else `repolish.config.json`
 * or `pyproject.toml` [tool.repolish] in the root. Both in one root is an error: which one wins
 * would be a guess.
 */
export function loadConfig(root: string, { explicit, ruleIds }: LoadConfigOptions): RepolishConfig {
  if (explicit) {
    const file = resolve(explicit);
    if (!existsSync(file)) throw new UsageError(`${explicit}: no such configuration file`);
    if (file.endsWith('.toml')) {
      const table = readPyprojectTable({ file });
      if (table === undefined) throw new UsageError(`${displayPath(file)}: no [tool.repolish] table`);
      return validateConfig(table, file, ruleIds, '[tool.repolish]');
    }
    return parseJsonConfig({ file }, ruleIds);
  }
  const jsonFile = join(root, CONFIG_FILE);
  const pyproject = join(root, PYPROJECT_FILE);
  // lstat, not exists: a committed symlink is present (and refused), whatever it points at.
  const table = presentInRoot(pyproject) ? readPyprojectTable({ file: pyproject, root, name: PYPROJECT_FILE }) : undefined;
  if (presentInRoot(jsonFile)) {
    if (table !== undefined) {
      throw new UsageError(`${displayPath(jsonFile)}: ${PYPROJECT_FILE} also has a [tool.repolish] table; keep the configuration in one place`);
    }
    return parseJsonConfig({ file: jsonFile, root, name: CONFIG_FILE }, ruleIds);
  }
  if (table !== undefined) return validateConfig(table, pyproject, ruleIds, '[tool.repolish]');
  return EMPTY_CONFIG;
}

/**
 * The rules as configured: "off" drops a rule; a severity replaces the rule's default, in its
 * `meta` (so SARIF and the README agree) and in every finding it reports.
 */
export function configureRules(rules: Rule[], config: RepolishConfig): Rule[] {
  return rules
    .filter((rule) => config.rules[rule.meta.id] !== 'off')
    .map((rule) => {
      const severity = config.rules[rule.meta.id];
      if (severity === undefined || severity === 'off') return rule;
      return {
        ...rule,
        meta: { ...rule.meta, severity },
        check: (context) => rule.check(context).map((finding) => ({ ...finding, severity })),
      };
    });
}
