/**
 * The project-level step, after every Python file: undo migrations that other modules depend
 * on, then update requirement files. openai-whisper becomes faster-whisper where no whisper
 * import remains in the project; otherwise faster-whisper is added beside it and a review item
 * says which imports still need openai-whisper.
 */
import type { Edit, FileSummaryOf, FinishResult, ProjectContext, ReviewNote } from '../../src/engine/types.js';
import { normalizeName, specifierLike } from '../../src/manifests/pep508.js';
import {
  insertArrayItemAfter, insertPoetryLineAfter, poetryEntryLike, pyprojectDependencies, removeArrayItem,
  removePoetryDependency, renamePoetryDependency, replacePep508, type Dependency,
} from '../../src/manifests/pyproject-edit.js';
import { whyRequirementMustStay } from '../../src/deps/analysis.js';
import {
  findRequirementLines, generatedBy, includedPaths, insertLineAfter, parseRequirementsFile, removeLine, replaceRequirement,
  requirementLike, type RequirementsLine,
} from '../../src/manifests/requirements-edit.js';
import { isComposeFile, isContainerFile, isReportedOnlyManifest, isRequirementsFile, manifestKind } from '../../src/manifests/kinds.js';
import { positionOf } from '../../src/text/lines.js';
import { MAX_TEXT_BYTES } from '../../src/model/facts.js';
import { utf16ByteOrder } from '../../src/model/text-encoding.js';
import { readProjectFile } from '../../src/model/project-file.js';
import { inlinePythonUses } from './commands.js';
import type { FileData, WhisperProject } from './types.js';

const OLD = 'openai-whisper';
const NEW = 'faster-whisper';

// File selection: which files are requirement, manifest, container and compose files is said once,
// in src/manifests/kinds.ts.
/** Manifests that are not edited, only reported (setup.py, setup.cfg, Pipfile, conda), and container files. */
const isMentionFile = (path: string): boolean => isReportedOnlyManifest(path) || isContainerFile(path);
const isShellFile = (path: string): boolean => isContainerFile(path) || isComposeFile(path) || /(^|\/)(Makefile|Procfile)$|\.(sh|bash)$/.test(path);

interface Remaining {
  path: string;
  line: number;
  what: string;
}

type PathNote = ReviewNote & { path: string };

/** Dotted module names a file may be imported as (`app/asr.py`: `app.asr`, `asr`). */
function moduleNames(path: string): string[] {
  const parts = path.replace(/\.py$/, '').split('/');
  if (parts.at(-1) === '__init__') parts.pop();
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) out.push(parts.slice(i).join('.'));
  return out.filter(Boolean);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Which Python files import which modules: `from a.b import c` counts for `a.b` and `a.b.c`,
 * `import a.b as x` for `a.b`; leading dots of relative imports are dropped (the module is then
 * matched by its last parts). Built once, by reading each Python file of the project.
 */
/**
 * Whether a file can import a module whose last dotted part is one of `stems`, judged on its bytes
 * before anything is decoded: every name the index records is made of pieces of one line holding
 * `import`, so a file without such a line holding a stem's bytes cannot import one (one search for
 * `import`, not one pass over the file per stem). Files this run changed, UTF-16 files and non-ASCII
 * stems are always read.
 */
function mayImportStem(project: ProjectContext, path: string, stems: readonly string[], changed: ReadonlySet<string>): boolean {
  if (changed.has(path) || stems.some((s) => !/^[\x00-\x7f]*$/.test(s))) return true;
  // The engine kept this file's `import` lines when it read it (keepLinesWith): no second read.
  const lines = project.linesWith?.(path);
  if (lines) return lines.some((line) => stems.some((s) => line.includes(s)));
  let raw: Buffer;
  try {
    raw = readProjectFile(project.root, path, MAX_TEXT_BYTES);
  } catch {
    return true; // let project.read say what it makes of the file
  }
  if (utf16ByteOrder(raw) !== undefined) return true;
  for (let at = raw.indexOf('import'); at >= 0; ) {
    const start = raw.lastIndexOf(10, at) + 1;
    const newline = raw.indexOf(10, at);
    const end = newline < 0 ? raw.length : newline;
    const line = raw.toString('latin1', start, end);
    if (stems.some((s) => line.includes(s))) return true;
    if (newline < 0) break;
    at = raw.indexOf('import', end);
  }
  return false;
}

function importIndex(project: ProjectContext, stems?: readonly string[]): Map<string, Set<string>> {
  // A file whose text is as read (unchanged, or left alone) is judged on its bytes like any other.
  const changed = new Set(project.results.filter((r) => r.status === 'modified').map((r) => r.path));
  const index = new Map<string, Set<string>>();
  const add = (module: string, path: string) => {
    if (!module) return;
    let set = index.get(module);
    if (!set) index.set(module, (set = new Set()));
    set.add(path);
  };
  for (const path of project.match(['*.py'])) {
    if (stems && !mayImportStem(project, path, stems, changed)) continue;
    const text = project.read(path)?.text;
    if (!text) continue;
    for (const m of text.matchAll(/^[ \t]*from[ \t]+\.*([\w.]*)[ \t]+import[ \t]+\(?([^\n#)]*)/gm)) {
      add(m[1], path);
      for (const name of m[2].split(',')) add([m[1], name.trim().split(/\s+/)[0]].filter(Boolean).join('.'), path);
    }
    for (const m of text.matchAll(/^[ \t]*import[ \t]+([^\n#;]+)/gm)) {
      for (const part of m[1].split(',')) add(part.trim().split(/\s+/)[0], path);
    }
  }
  return index;
}

/** Migrated files whose changed module-level names another module imports: those are reverted. */
function dependentsOfExports(project: WhisperProject, migrated: Array<FileSummaryOf<FileData>>): Array<{ path: string; reason: string; line: number; column: number }> {
  const withExports = migrated
    .map((r) => ({ r, exports: r.history.flatMap((h) => h?.exports ?? []) }))
    .filter((x) => x.exports.length > 0);
  if (withExports.length === 0) return [];
  const index = importIndex(project, [...new Set(withExports.flatMap(({ r }) => moduleNames(r.path).slice(0, 1).map((m) => m.split('.').pop()!)))]);
  const out: Array<{ path: string; reason: string; line: number; column: number }> = [];
  for (const { r, exports } of withExports) {
    const importers = new Set(moduleNames(r.path).flatMap((m) => [...(index.get(m) ?? [])]));
    importers.delete(r.path);
    for (const other of [...importers].sort()) {
      const text = project.read(other)?.text ?? '';
      const used = exports.find((e) => new RegExp(`\\b${escapeRe(e.name)}\\b`).test(text));
      if (!used) continue;
      const stem = escapeRe(r.path.replace(/\.py$/, '').split('/').pop()!);
      const at = text.search(new RegExp(`^[ \\t]*(?:from|import)[ \\t][^\\n]*\\b${stem}\\b`, 'm'));
      out.push({
        path: r.path,
        line: used.line,
        column: used.column,
        reason: `\`${used.name}\` would change from an openai-whisper value to a faster-whisper one, and ${other}:${positionOf(text, Math.max(at, 0)).line} imports this module; migrate both together by hand (this file was left unchanged)`,
      });
      break;
    }
  }
  return out;
}

function requirementFiles(project: ProjectContext): string[] {
  const found = new Set(project.select(isRequirementsFile));
  const queue = [...found];
  while (queue.length) {
    const path = queue.shift()!;
    const file = project.read(path);
    if (!file) continue;
    for (const inc of includedPaths(parseRequirementsFile(file.text), path)) {
      if (!found.has(inc) && project.files.includes(inc)) { found.add(inc); queue.push(inc); }
    }
  }
  return [...found].sort();
}

function describe(remaining: Remaining[]): string {
  const shown = remaining.slice(0, 4).map((r) => `${r.path}:${r.line} (${r.what})`);
  return shown.join(', ') + (remaining.length > 4 ? ` and ${remaining.length - 4} more` : '');
}

function pinFor(old: string, pin: string | undefined, pinned: boolean): string {
  if (pin === undefined) return '';
  if (pinned) return `==${pin}`;
  return specifierLike(old, pin);
}

function editRequirements(path: string, text: string, remaining: Remaining[], pin: string | undefined, review: PathNote[], addNew: boolean): Edit[] {
  const lines = parseRequirementsFile(text);
  const old = findRequirementLines(lines, OLD);
  if (old.length === 0) return [];
  const generator = generatedBy(text);
  if (generator) {
    for (const l of old) review.push({ path, line: l.line, column: 1, message: `${OLD} is in a file generated by ${generator}; change the input file and regenerate it` });
    return [];
  }
  const hadNew = findRequirementLines(lines, NEW).length > 0;
  const edits: Edit[] = [];
  for (const l of old) {
    if (l.options.some((o) => o.startsWith('--hash'))) {
      review.push({ path, line: l.line, column: 1, message: `${OLD} is hash-pinned; replace it with ${NEW} and its hashes by hand (or regenerate the file)` });
      continue;
    }
    const spec = pinFor(l.requirement?.specifier ?? '', pin, l.kind !== 'requirement' || Boolean(l.requirement?.url));
    if (remaining.length === 0) {
      if (hadNew) edits.push(removeLine(text, l));
      else edits.push(...replaceRequirement(l, NEW, spec));
      if (l.kind !== 'requirement' || l.requirement?.url) {
        review.push({ path, line: l.line, column: 1, message: `${OLD} was installed from a URL or path here; ${NEW} now comes from the package index` });
      }
    } else {
      if (!hadNew && addNew) edits.push(insertLineAfter(text, l, requirementLike(l as RequirementsLine, NEW, spec)));
      review.push({ path, line: l.line, column: 1, message: `${OLD} kept: still imported by ${describe(remaining)}` });
    }
  }
  return edits;
}

function poetryVersion(dep: Dependency, pin: string | undefined): string {
  const v = dep.value.kind === 'string' ? dep.value.value
    : dep.value.kind === 'table' ? ((dep.value.entries.find((e) => e.key.join('.') === 'version')?.value as { value?: string } | undefined)?.value ?? '') : '';
  if (pin === undefined || v.trim() === '*' || v.trim() === '') return '*';
  if (/^\d/.test(v.trim())) return pin;
  return specifierLike(v, pin) || '*';
}

function editPyproject(path: string, text: string, remaining: Remaining[], pin: string | undefined, review: PathNote[], addNew: boolean): Edit[] {
  let deps: Dependency[];
  try {
    deps = pyprojectDependencies(text);
  } catch (err) {
    if (/openai[-_.]whisper/i.test(text)) review.push({ path, line: 1, column: 1, message: `${OLD} is mentioned, but the file could not be read (${(err as Error).message}); edit it by hand` });
    return [];
  }
  const edits: Edit[] = [];
  const groups = new Map<string, Dependency[]>();
  for (const d of deps) {
    if (!groups.has(d.group)) groups.set(d.group, []);
    groups.get(d.group)!.push(d);
  }
  for (const [, group] of groups) {
    const old = group.filter((d) => d.normalized === OLD);
    const hadNew = group.some((d) => d.normalized === normalizeName(NEW));
    for (const d of old) {
      const where = positionOf(text, d.value.start);
      if (d.style === 'pep508') {
        const r = d.requirement;
        const spec = pinFor(r?.specifier ?? '', pin, Boolean(r?.url));
        const quote = d.value.kind === 'string' && d.value.quote.length === 1 ? d.value.quote : '"';
        if (remaining.length === 0) {
          edits.push(hadNew ? removeArrayItem(text, d.array!, d.value) : replacePep508(d, NEW, spec)[0]);
          if (!hadNew) edits.push(...replacePep508(d, NEW, spec).slice(1));
        } else {
          const marker = r?.marker ? `; ${r.marker}` : '';
          if (!hadNew && addNew) edits.push(insertArrayItemAfter(text, d.value, `${NEW}${spec}${marker}`, quote));
          review.push({ path, ...where, message: `${OLD} kept: still imported by ${describe(remaining)}` });
        }
        continue;
      }
      const version = poetryVersion(d, pin);
      if (remaining.length === 0) {
        if (hadNew) {
          const e = removePoetryDependency(text, d);
          if (e) edits.push(e);
          else review.push({ path, ...where, message: `remove ${OLD} here by hand (${NEW} is already listed)` });
        } else {
          edits.push(...renamePoetryDependency(d, NEW, version));
          if (d.value.kind === 'table' && !d.value.entries.some((e) => e.key.join('.') === 'version')) {
            review.push({ path, ...where, message: `${OLD} came from a git, path or URL source here; ${NEW} now comes from the package index` });
          }
        }
      } else {
        const line = poetryEntryLike(text, d, NEW, version);
        const e = line ? insertPoetryLineAfter(text, d, line) : undefined;
        if (!hadNew && addNew && e) edits.push(e);
        review.push({ path, ...where, message: `${OLD} kept: still imported by ${describe(remaining)}${!hadNew && addNew && !e ? `; add ${NEW} by hand` : ''}` });
      }
    }
  }
  return edits;
}

/** Notebook cells and shell commands that still use openai-whisper (the codemod does not edit them). */
function otherUses(project: ProjectContext, review: PathNote[]): Remaining[] {
  const out: Remaining[] = [];
  for (const path of project.match(['*.ipynb'])) {
    const file = project.read(path);
    if (!file || !/whisper/.test(file.text)) continue;
    const m = /(?:^|\\n|")\s*(?:import whisper\b|from whisper(?:\.\w+)* import\b)/.exec(file.text);
    if (!m) continue;
    const at = positionOf(file.text, m.index + m[0].search(/\S/));
    review.push({ path, ...at, message: 'notebook cells import whisper; notebooks are not migrated, so openai-whisper stays a dependency' });
    out.push({ path, line: at.line, what: 'notebook' });
  }
  // `whisper` in command position (line start, after ; && || |, do/then/exec, RUN/CMD, a JSON array, compose command:) with an argument.
  const cli = /(?:^\s*|^[\w-]+:\s*|[;&|]\s*|\b(?:do|then|exec|[Rr][Uu][Nn]|[Cc][Mm][Dd]|ENTRYPOINT|entrypoint|command:)\s+|\[\s*"|\bpython(?:3(?:\.\d+)?)?\s+-m\s+)whisper"?(?:[ \t]+|",\s*")[^\s=:]/;
  for (const path of project.select(isShellFile)) {
    const file = project.read(path);
    if (!file || !/whisper/.test(file.text)) continue;
    file.text.split('\n').forEach((line, i) => {
      if (/^\s*#/.test(line) || !cli.test(line)) return;
      review.push({ path, line: i + 1, column: line.indexOf('whisper') + 1, message: 'the openai-whisper command line tool is used here; faster-whisper has no CLI (the whisper-ctranslate2 package provides one)' });
      out.push({ path, line: i + 1, what: 'whisper CLI' });
    });
  }
  return out;
}

/**
 * `python -c "import whisper; whisper.load_model('base')"` in a container file or script. When
 * nothing else needs openai-whisper, a plain model pre-download is rewritten to download
 * faster-whisper's model instead (the requirement is being swapped, so the old import would
 * break the build); anything else, or a file that installs openai-whisper itself, is a use that
 * keeps openai-whisper.
 */
function inlinePythonRewrites(project: ProjectContext, remaining: Remaining[], review: PathNote[]): NonNullable<FinishResult['changes']> {
  const files = project.select(isShellFile).map((path) => ({ path, text: project.read(path)?.text ?? '' }));
  const uses = inlinePythonUses(files);
  const installsOld = (path: string) => /openai[-_.]whisper|openai\/whisper/i.test(files.find((f) => f.path === path)?.text ?? '');
  const rewrite = remaining.length === 0 && uses.every((u) => u.edits && !installsOld(u.path));
  const byPath = new Map<string, Edit[]>();
  for (const u of uses) {
    const at = { path: u.path, line: u.line, column: u.column };
    if (rewrite) {
      if (!byPath.has(u.path)) byPath.set(u.path, []);
      byPath.get(u.path)!.push(...u.edits!);
      review.push({ ...at, message: 'this step now downloads faster-whisper\'s model of the same size (from the Hugging Face Hub into its cache, not ~/.cache/whisper); check that the program loads it from there' });
    } else {
      remaining.push({ path: u.path, line: u.line, what: 'python -c' });
      review.push({ ...at, message: u.edits
        ? `inline Python loads openai-whisper's model here; left as it is because openai-whisper stays (${installsOld(u.path) ? 'this file installs it' : 'other code still uses it'})`
        : `inline Python imports whisper here (${u.reason}); it is not rewritten, so openai-whisper stays a dependency` });
    }
  }
  return [...byPath].map(([path, edits]) => ({ path, edits }));
}

export function finishProject(project: WhisperProject): FinishResult {
  const review: PathNote[] = [];
  const notes: string[] = [];
  const migrated = project.results.filter((r) => r.status === 'modified');
  const revert = dependentsOfExports(project, migrated);
  const reverted = new Set(revert.map((r) => r.path));

  const remaining: Remaining[] = [];
  for (const r of project.results) {
    if (r.status === 'skipped') {
      const file = project.read(r.path);
      if (!file || /(?:^|\n)[ \t]*(?:import[ \t]+[^\n]*\bwhisper\b|from[ \t]+whisper\b)/.test(file.text)) {
        remaining.push({ path: r.path, line: 1, what: `not migrated: ${r.reason ?? 'skipped'}` });
      }
      continue;
    }
    const data: FileData | undefined = reverted.has(r.path) ? r.history[0] : r.data;
    for (const imp of data?.whisperImports ?? []) remaining.push({ path: r.path, line: imp.line, what: imp.text.trim() });
  }
  remaining.push(...otherUses(project, review));
  const inline = inlinePythonRewrites(project, remaining, review);

  const pin = project.parsedOptions.pin;
  const anyMigrated = migrated.some((r) => !reverted.has(r.path));
  const changes: FinishResult['changes'] = [...inline];
  let listed = false;
  let replaced = false;
  // Nothing in the project uses openai-whisper (no import, command or inline Python, nothing
  // migrated): swapping it would only trade one unused dependency for another.
  const unused = !anyMigrated && inline.length === 0 && remaining.length === 0
    && !project.results.some((r) => r.data?.whisperImports.length);
  const unusedNote = (path: string, line: number) => review.push({ path, line, column: 1, message: `${OLD} is listed, but no code, command or notebook of the project uses whisper, so there is nothing to migrate; remove it if it is unused (repolish scan reports unused requirements)` });
  for (const path of requirementFiles(project)) {
    const file = project.read(path);
    if (!file) continue;
    const oldLines = findRequirementLines(parseRequirementsFile(file.text), OLD);
    if (oldLines.length) listed = true;
    if (unused) { for (const l of oldLines) unusedNote(path, l.line); continue; }
    // A Python file that could not be read may import whisper: keep the requirement.
    const unreadBlock = remaining.length === 0 && oldLines.length ? whyRequirementMustStay(project.scanContext(), path, OLD) : undefined;
    if (unreadBlock) { review.push({ path, line: oldLines[0].line, column: 1, message: unreadBlock }); continue; }
    const edits = editRequirements(path, file.text, remaining, pin, review, anyMigrated);
    if (edits.length) { changes.push({ path, edits }); replaced ||= remaining.length === 0; }
  }
  for (const path of project.select((p) => manifestKind(p) === 'pyproject')) {
    const file = project.read(path);
    if (!file || !/whisper/i.test(file.text)) continue;
    listed ||= /openai[-_.]whisper/i.test(file.text);
    if (unused && /openai[-_.]whisper/i.test(file.text)) { unusedNote(path, positionOf(file.text, file.text.search(/openai[-_.]whisper/i)).line); continue; }
    // A Python file that could not be read may import whisper: keep the requirement.
    const unreadBlock = remaining.length === 0 && /openai[-_.]whisper/i.test(file.text) ? whyRequirementMustStay(project.scanContext(), path, OLD) : undefined;
    if (unreadBlock) { review.push({ path, line: 1, column: 1, message: unreadBlock }); continue; }
    const edits = editPyproject(path, file.text, remaining, pin, review, anyMigrated);
    if (edits.length) { changes.push({ path, edits }); replaced ||= remaining.length === 0; }
  }
  for (const path of project.select(isMentionFile)) {
    const file = project.read(path);
    if (!file || !/openai[-_.]whisper/i.test(file.text)) continue;
    file.text.split('\n').forEach((line, i) => {
      const col = line.search(/openai[-_.]whisper/i);
      if (col === -1) return;
      listed = true;
      review.push({ path, line: i + 1, column: col + 1, message: remaining.length === 0
        ? `${OLD} is installed here; replace it with ${NEW} by hand (this file is not edited by the codemod)`
        : `${OLD} is installed here and still needed by ${describe(remaining)}; add ${NEW} by hand` });
    });
  }
  if (anyMigrated && remaining.length === 0) {
    for (const path of project.select(isContainerFile)) {
      const file = project.read(path);
      if (!file) continue;
      file.text.split('\n').forEach((line, i) => {
        if (/\b(apt-get|apt|apk|dnf|yum|microdnf)\b[^\n]*\binstall\b[^\n]*\bffmpeg\b/.test(line)) {
          review.push({ path, line: i + 1, column: line.indexOf('ffmpeg') + 1, message: 'faster-whisper decodes audio with PyAV and does not need the ffmpeg binary; remove it if nothing else uses it' });
        }
      });
    }
  }
  if (anyMigrated && !listed) notes.push(`no requirements file or pyproject.toml lists ${OLD}; add ${NEW} to the project's dependencies`);
  if (replaced || anyMigrated) notes.push(`${OLD} pulled in torch, triton and numba; they may now be unused: run \`repolish scan\` to check`);
  return { changes, review, revert, notes };
}
