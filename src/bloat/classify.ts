/** Runs the detectors over the walked tree, top-down: a claimed folder is not looked into again. */
import { iterateFiles, joinPath, type DirNode } from '../model/tree.js';
import type { DetectorContext } from './detector.js';
import { DETECTORS } from './detectors/index.js';
import type { BloatIndex, BloatItem } from './types.js';

/**
 * A folder counts as ignored when git would never show anything in it: either it is ignored, or
 * every file below is (pytest and mypy write a `.gitignore` of `*` into their caches).
 */
function effectivelyIgnored(dir: DirNode): boolean {
  if (dir.ignored) return true;
  if (dir.fileCount === 0) return false;
  for (const { file } of iterateFiles(dir)) if (!file.ignored) return false;
  return true;
}

export function classifyBloat(context: DetectorContext): BloatIndex {
  const items: BloatItem[] = [];
  const byPath = new Map<string, BloatItem>();

  const visit = (dir: DirNode): void => {
    for (const child of dir.dirs) {
      let claimed = false;
      for (const detector of DETECTORS) {
        const hit = detector.matchDir?.(child, context);
        if (!hit) continue;
        items.push({
          rule: detector.rule, path: child.path, dir: child, bytes: child.bytes, allocated: child.allocated,
          files: child.fileCount, tracked: child.tracked, ignored: effectivelyIgnored(child), clean: detector.clean,
          description: hit.description, details: hit.details,
        });
        claimed = true;
        break;
      }
      if (!claimed && !child.nestedRepo) visit(child);
    }
    for (const file of dir.files) {
      if (file.kind !== 'file') continue;
      const path = joinPath(dir.path, file.name);
      for (const detector of DETECTORS) {
        const hit = detector.matchFile?.(file, path, dir, context);
        if (!hit) continue;
        items.push({
          rule: detector.rule, path, file, bytes: file.size, allocated: file.allocated, files: 1,
          tracked: file.tracked, ignored: file.ignored, clean: detector.clean, description: hit.description, details: hit.details,
        });
        break;
      }
    }
  };
  visit(context.facts.tree);
  for (const item of items) byPath.set(item.path, item);

  return {
    items,
    containing(path) {
      for (let p = path; ; ) {
        const hit = byPath.get(p);
        if (hit) return hit;
        const slash = p.lastIndexOf('/');
        if (slash < 0) return undefined;
        p = p.slice(0, slash);
      }
    },
    virtualenvs: () => items.filter((i) => i.rule === 'bloat/venv'),
  };
}
