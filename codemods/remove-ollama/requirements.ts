/**
 * Requirement files and pyproject.toml: `ollama` and `langchain-ollama` go once no Python file
 * they cover imports them (a requirement file covers its folder, minus subfolders with their own);
 * with replace-with=openai, `openai` and `langchain-openai` are added where the new code needs
 * them and nothing declares them. Every other byte stays.
 */
import type { Edit, FinishResult, ProjectChange, ProjectContext } from '../../src/engine/types.js';
import { pyprojectDependencies, removeArrayItem, removePoetryDependency, insertArrayItemAfter } from '../../src/manifests/pyproject-edit.js';
import { whyRequirementMustStay } from '../../src/deps/unread.js';
import { findRequirementLines, generatedBy, insertLineAfter, parseRequirementsFile, removeLine } from '../../src/manifests/requirements-edit.js';

/** Distribution -> the top-level module it provides. */
const REMOVED: Record<string, string> = { ollama: 'ollama', 'langchain-ollama': 'langchain_ollama' };
const ADDED: Record<string, { module: string; spec: string }> = {
  openai: { module: 'openai', spec: 'openai>=1' },
  'langchain-openai': { module: 'langchain_openai', spec: 'langchain-openai' },
};

export const REQUIREMENT_PATTERNS = ['requirements*.txt', 'requirements/*.txt', 'requirements*.in', 'requirements/*.in', 'pyproject.toml'];

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function isUnder(path: string, dir: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`);
}

export function editRequirements(project: ProjectContext, imports: ReadonlyMap<string, string[]>, deleted: ReadonlySet<string>, replace: boolean): { changes: ProjectChange[]; review: NonNullable<FinishResult['review']> } {
  const changes: ProjectChange[] = [];
  const review: NonNullable<FinishResult['review']> = [];
  const manifests = project.match(REQUIREMENT_PATTERNS).filter((p) => !deleted.has(p));
  const dirs = [...new Set(manifests.map((m) => {
    const d = dirOf(m);
    return d.endsWith('/requirements') || d === 'requirements' ? dirOf(d) : d;
  }))];
  /** The manifest folder that covers a Python file: the deepest one above it. */
  const ownerOf = (file: string) => dirs.filter((d) => isUnder(file, d)).sort((a, b) => b.length - a.length)[0];

  for (const path of manifests) {
    const file = project.read(path);
    if (!file) continue;
    const d = dirOf(path);
    const home = d.endsWith('/requirements') || d === 'requirements' ? dirOf(d) : d;
    const users = new Map<string, string>(); // module -> a file importing it
    for (const [py, mods] of imports) {
      if (ownerOf(py) !== home) continue;
      for (const m of mods) if (!users.has(m)) users.set(m, py);
    }
    const edits: Edit[] = [];
    const declared = new Set<string>();
    if (path.endsWith('.toml')) {
      let deps;
      try { deps = pyprojectDependencies(file.text); } catch { continue; }
      for (const dep of deps) declared.add(dep.normalized);
      for (const dep of deps) {
        const module = REMOVED[dep.normalized];
        if (!module) continue;
        const pos = file.position(dep.value.start);
        if (users.has(module)) {
          review.push({ path, ...pos, message: `${dep.name} kept: ${users.get(module)} still imports ${module}` });
          continue;
        }
        // deps-safety: a Python file that could not be read may import it: keep it, say why.
        const unreadBlock = whyRequirementMustStay(project.root, path, dep.name);
        if (unreadBlock) { review.push({ path, ...pos, message: unreadBlock }); continue; }
        const e = dep.style === 'pep508' && dep.array ? removeArrayItem(file.text, dep.array, dep.value) : removePoetryDependency(file.text, dep);
        if (e) edits.push(e);
        else review.push({ path, ...pos, message: `${dep.name}: remove this dependency by hand (its table form is not edited)` });
        if (replace && dep.style === 'pep508') {
          const item = dep.value;
          for (const [dist, add] of Object.entries(ADDED)) {
            if (!users.has(add.module) || declared.has(dist)) continue;
            declared.add(dist);
            edits.push(insertArrayItemAfter(file.text, item, add.spec));
          }
        }
      }
    } else {
      const lines = parseRequirementsFile(file.text);
      for (const l of lines) if (l.normalized) declared.add(l.normalized);
      const generated = generatedBy(file.text);
      for (const [dist, module] of Object.entries(REMOVED)) {
        for (const line of findRequirementLines(lines, dist)) {
          const pos = { line: line.line, column: 1 };
          if (users.has(module)) {
            review.push({ path, ...pos, message: `${dist} kept: ${users.get(module)} still imports ${module}` });
            continue;
          }
          // deps-safety: a Python file that could not be read may import it: keep it, say why.
          const unreadBlock = whyRequirementMustStay(project.root, path, dist);
          if (unreadBlock) { review.push({ path, ...pos, message: unreadBlock }); continue; }
          if (generated) review.push({ path, ...pos, message: `${path} is generated by ${generated}: remove ${dist} from its input file too` });
          edits.push(removeLine(file.text, line));
          if (replace) {
            for (const [newDist, add] of Object.entries(ADDED)) {
              if (!users.has(add.module) || declared.has(newDist)) continue;
              declared.add(newDist);
              edits.push(insertLineAfter(file.text, line, add.spec));
            }
          }
        }
      }
    }
    if (edits.length) changes.push({ path, edits });
  }
  return { changes, review };
}
