/** Runs the detectors over the walked tree, top-down: a claimed folder is not looked into again. */
import { iterateFiles, joinPath, type DirNode } from '../model/tree.js';
import type { DeferredDetection, Detection, DetectorContext } from './detector.js';
import { DETECTORS } from './detectors/index.js';
import type { BloatIndex, BloatItem } from '../model/bloat.js';

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

/**
 * The bloat of the walked tree. A detector may defer the words of its claim (a virtualenv's
 * distributions take reading thousands of files): they are made, in the order of the claims, when
 * `settle` is called or a deferred item's description or details are first read.
 */
export function classifyBloat(context: DetectorContext): BloatIndex {
  const items: BloatItem[] = [];
  const byPath = new Map<string, BloatItem>();
  const deferred: Array<() => void> = [];

  const visit = (dir: DirNode): void => {
    for (const child of dir.dirs) {
      let claimed = false;
      for (const detector of DETECTORS) {
        const hit = detector.matchDir?.(child, context);
        if (!hit) continue;
        const item: BloatItem = {
          rule: detector.rule, path: child.path, dir: child, bytes: child.bytes, allocated: child.allocated,
          files: child.fileCount, tracked: child.tracked, ignored: effectivelyIgnored(child), clean: detector.clean,
          description: '', details: undefined,
        };
        if ('describe' in hit) deferred.push(describeLater(item, hit, settle));
        else Object.assign(item, { description: hit.description, details: hit.details });
        items.push(item);
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

  // Only the deferred reads warn during the classification: their warnings go where they would
  // have gone had the reads been made in the walk over the tree.
  const warnings = context.facts.warnings;
  const anchor = warnings.length;
  let state: 'pending' | 'settling' | 'settled' = deferred.length === 0 ? 'settled' : 'pending';
  function settle(): void {
    if (state === 'settled') return;
    // A description read while the descriptions are made would wait for itself.
    if (state === 'settling') throw new Error('a bloat description was read while the descriptions were being made');
    state = 'settling';
    const before = warnings.length;
    try {
      for (const describe of deferred) describe();
    } catch (err) {
      // Reading a description again tries again (and fails the same way), never reads a placeholder.
      state = 'pending';
      throw err;
    }
    warnings.splice(anchor, 0, ...warnings.splice(before));
    state = 'settled';
  }

  // Rules ask about every file of a build context (200k on a large tree): answers are kept per
  // folder, so a file costs one lookup instead of one per level of its path.
  const byFolder = new Map<string, BloatItem | null>();
  const containingFolder = (dir: string): BloatItem | undefined => {
    let hit = byFolder.get(dir);
    if (hit === undefined) {
      const slash = dir.lastIndexOf('/');
      hit = byPath.get(dir) ?? (slash < 0 ? undefined : containingFolder(dir.slice(0, slash))) ?? null;
      byFolder.set(dir, hit);
    }
    return hit ?? undefined;
  };

  return {
    items,
    containing(path) {
      const hit = byPath.get(path);
      if (hit) return hit;
      const slash = path.lastIndexOf('/');
      return slash < 0 ? undefined : containingFolder(path.slice(0, slash));
    },
    virtualenvs: () => items.filter((i) => i.rule === 'bloat/venv'),
    settle,
  };
}

/**
 * Gives `item` getters that settle the classification before answering, and returns what fills
 * in the real values (called by `settle`, in the order of the claims).
 */
function describeLater(item: BloatItem, hit: DeferredDetection, settle: () => void): () => void {
  const pending = (key: 'description' | 'details') => ({
    configurable: true,
    enumerable: true,
    get(): unknown {
      settle();
      return item[key];
    },
  });
  Object.defineProperties(item, { description: pending('description'), details: pending('details') });
  return () => {
    const { description, details }: Detection = hit.describe();
    Object.defineProperties(item, {
      description: { value: description, writable: true, enumerable: true, configurable: true },
      details: { value: details, writable: true, enumerable: true, configurable: true },
    });
  };
}
