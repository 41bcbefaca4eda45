/** Runs the detectors over the walked tree, top-down: a claimed folder is not looked into again. */
import type { DirNode } from '../model/tree.js';
import { joinPath } from '../model/tree.js';
import type { DetectorContext } from './detector.js';
import { DETECTORS } from './detectors/index.js';
import type { BloatIndex, BloatItem } from './types.js';

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
          files: child.fileCount, tracked: child.tracked, ignored: child.ignored, clean: detector.clean,
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
