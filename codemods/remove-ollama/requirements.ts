/**
 * Requirement files and pyproject.toml: `ollama` and `langchain-ollama` go once no Python file
 * they cover imports them (a requirement file covers its folder, minus subfolders with their own);
 * with replace-with=openai, `openai` and `langchain-openai` are added where the new code needs
 * them and nothing declares them. Every other byte stays.
 */
import type { Edit, FinishResult, ProjectChange, ProjectContext } from '../../src/engine/types.js';
import { isEditableManifest, manifestKind, servedFolder } from '../../src/manifests/kinds.js';
import { pyprojectDependencies, removeArrayItems, removePoetryDependency, insertArrayItemAfter, type Dependency } from '../../src/manifests/pyproject-edit.js';
import { whyRequirementMustStay } from '../../src/deps/analysis.js';
import { findRequirementLines, generatedBy, insertLineAfter, parseRequirementsFile, removeLines, type RequirementsLine } from '../../src/manifests/requirements-edit.js';

/** Distribution -> the top-level module it provides. */
const REMOVED: Record<string, string> = { ollama: 'ollama', 'langchain-ollama': 'langchain_ollama' };
/** Distribution -> the module whose use keeps it too: langchain-ollama calls Ollama through the `ollama` client. */
const NEEDED_BY: Record<string, string> = { ollama: 'langchain_ollama' };
const ADDED: Record<string, { module: string; spec: string }> = {
  openai: { module: 'openai', spec: 'openai>=1' },
  'langchain-openai': { module: 'langchain_openai', spec: 'langchain-openai' },
};

function isUnder(path: string, dir: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`);
}

/** What a manifest declares (normalized names), or undefined when it cannot be read. */
function declaredIn(project: ProjectContext, path: string): Set<string> | undefined {
  const file = project.read(path);
  if (!file) return undefined;
  try {
    return new Set(manifestKind(path) === 'pyproject' ? pyprojectDependencies(file.text).map((d) => d.normalized) : parseRequirementsFile(file.text).flatMap((l) => (l.normalized ? [l.normalized] : [])));
  } catch { return undefined; }
}

export function editRequirements(project: ProjectContext, imports: ReadonlyMap<string, string[]>, deleted: ReadonlySet<string>, replace: boolean, rewritten: ReadonlySet<string> = new Set()): { changes: ProjectChange[]; review: NonNullable<FinishResult['review']> } {
  const changes: ProjectChange[] = [];
  const review: NonNullable<FinishResult['review']> = [];
  const manifests = project.select(isEditableManifest).filter((p) => !deleted.has(p));
  const dirs = [...new Set(manifests.map(servedFolder))];
  /** The manifest folder that covers a Python file: the deepest one above it. */
  const ownerOf = (file: string) => dirs.filter((d) => isUnder(file, d)).sort((a, b) => b.length - a.length)[0];
  // What each manifest folder declares as read, and what this run adds there.
  const declaredAt = new Map<string, Set<string>>();
  for (const m of manifests) {
    const home = servedFolder(m);
    const set = declaredAt.get(home) ?? new Set<string>();
    for (const n of declaredIn(project, m) ?? []) set.add(n);
    declaredAt.set(home, set);
  }
  const coveredBy = (file: string) => dirs.filter((d) => isUnder(file, d));
  /**
   * A file the rewrite made import `module` needs `dist` declared by a manifest above it: here,
   * when this folder declared the Ollama package it replaces and no manifest nearer the file declares `dist`.
   */
  const needsHere = (home: string, module: string, dist: string) => [...imports].some(([py, mods]) => mods.includes(module) && isUnder(py, home)
    && (ownerOf(py) === home || (rewritten.has(py) && !coveredBy(py).some((d) => d.length > home.length && (declaredAt.get(d)?.has(dist) || [...Object.keys(REMOVED)].some((r) => declaredAt.get(d)?.has(r)))))));
  const added = new Map<string, Set<string>>();
  const noteAdded = (home: string, dist: string) => { const set = added.get(home) ?? new Set<string>(); set.add(dist); added.set(home, set); };

  for (const path of manifests) {
    const file = project.read(path);
    if (!file) continue;
    const home = servedFolder(path);
    const users = new Map<string, string>(); // module -> a file importing it
    for (const [py, mods] of imports) {
      if (ownerOf(py) !== home) continue;
      for (const m of mods) if (!users.has(m)) users.set(m, py);
    }
    /** Why a removed distribution stays: code that still imports it, or the module that needs it. */
    const keptFor = (dist: string, module: string, label = dist): string | undefined => {
      if (users.has(module)) return `${label} kept: ${users.get(module)} still imports ${module}`;
      const by = NEEDED_BY[dist];
      if (by && users.has(by)) return `${label} kept: ${users.get(by)} still imports ${by}, which calls Ollama through the ${dist} client`;
      return undefined;
    };
    const edits: Edit[] = [];
    const declared = new Set<string>();
    if (manifestKind(path) === 'pyproject') {
      let deps;
      try { deps = pyprojectDependencies(file.text); } catch { continue; }
      for (const dep of deps) declared.add(dep.normalized);
      // The items of one array go together: neighbouring removals edited one by one would overlap.
      const fromArrays = new Map<NonNullable<Dependency['array']>, Dependency['value'][]>();
      let e: Edit | undefined;
      for (const dep of deps) {
        const module = REMOVED[dep.normalized];
        if (!module) continue;
        const pos = file.position(dep.value.start);
        const kept = keptFor(dep.normalized, module, dep.name);
        if (kept) {
          review.push({ path, ...pos, message: kept });
          continue;
        }
        // deps-safety: a Python file that could not be read may import it: keep it, say why.
        const unreadBlock = whyRequirementMustStay(project.scanContext(), path, dep.name);
        if (unreadBlock) { review.push({ path, ...pos, message: unreadBlock }); continue; }
        if (dep.style === 'pep508' && dep.array) fromArrays.set(dep.array, [...(fromArrays.get(dep.array) ?? []), dep.value]);
        else if ((e = removePoetryDependency(file.text, dep))) edits.push(e);
        else review.push({ path, ...pos, message: `${dep.name}: remove this dependency by hand (its table form is not edited)` });
        if (replace && dep.style === 'pep508') {
          const item = dep.value;
          for (const [dist, add] of Object.entries(ADDED)) {
            if (!needsHere(home, add.module, dist) || declared.has(dist)) continue;
            declared.add(dist);
            noteAdded(home, dist);
            edits.push(insertArrayItemAfter(file.text, item, add.spec));
          }
        }
      }
      for (const [array, items] of fromArrays) edits.push(...removeArrayItems(file.text, array, items));
    } else {
      const lines = parseRequirementsFile(file.text);
      for (const l of lines) if (l.normalized) declared.add(l.normalized);
      const generated = generatedBy(file.text);
      const removed: RequirementsLine[] = [];
      const anchors: RequirementsLine[] = [];
      for (const [dist, module] of Object.entries(REMOVED)) {
        for (const line of findRequirementLines(lines, dist)) {
          const pos = { line: line.line, column: 1 };
          const kept = keptFor(dist, module);
          if (kept) {
            review.push({ path, ...pos, message: kept });
            continue;
          }
          // deps-safety: a Python file that could not be read may import it: keep it, say why.
          const unreadBlock = whyRequirementMustStay(project.scanContext(), path, dist);
          if (unreadBlock) { review.push({ path, ...pos, message: unreadBlock }); continue; }
          if (generated) review.push({ path, ...pos, message: `${path} is generated by ${generated}: remove ${dist} from its input file too` });
          removed.push(line);
          if (replace) {
            for (const [newDist, add] of Object.entries(ADDED)) {
              if (!needsHere(home, add.module, newDist) || declared.has(newDist)) continue;
              declared.add(newDist);
              noteAdded(home, newDist);
              edits.push(insertLineAfter(file.text, line, add.spec));
              anchors.push(line);
            }
          }
        }
      }
      // Removed together, so removals at an end without a line break do not overlap.
      edits.push(...removeLines(file.text, removed, { insertAfter: anchors }));
    }
    if (edits.length) changes.push({ path, edits });
  }
  // A rewritten file whose new import no manifest above it declares: say so where it is imported.
  for (const py of rewritten) {
    for (const [dist, add] of Object.entries(ADDED)) {
      if (!imports.get(py)?.includes(add.module)) continue;
      if (coveredBy(py).some((d) => declaredAt.get(d)?.has(dist) || added.get(d)?.has(dist))) continue;
      review.push({ path: py, line: 1, column: 1, message: `now imports ${add.module}, which no requirement file above it declares: add ${add.spec} to the project's dependencies` });
    }
  }
  return { changes, review };
}
