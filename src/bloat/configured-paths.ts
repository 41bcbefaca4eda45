/**
 * The configuration's say over the classifier: `paths.source` are never bloat (nor is anything
 * that contains them), `paths.data` are user data whatever the detectors thought. Data paths
 * become `bloat/uploads` items (the rule for user data that belongs in storage, not in the
 * repository), so ignore files, `.dockerignore` and `clean --include data` treat them alike.
 */
import type { RepoFacts } from '../model/facts.js';
import type { Warning } from '../findings.js';
import type { BloatIndex, BloatItem } from '../model/bloat.js';

export interface ConfiguredPaths {
  data: string[];
  source: string[];
}

const within = (path: string, folder: string) => folder === '.' || path === folder || path.startsWith(`${folder}/`);

export function indexBloat(items: BloatItem[], settle: () => void): BloatIndex {
  const byPath = new Map(items.map((item) => [item.path, item]));
  return {
    items,
    settle,
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

export function applyConfiguredPaths(bloat: BloatIndex, facts: RepoFacts, paths: ConfiguredPaths | undefined, warnings: Warning[]): BloatIndex {
  if (!paths || (paths.data.length === 0 && paths.source.length === 0)) return bloat;
  let items = bloat.items.filter((item) => !paths.source.some((src) => within(item.path, src) || within(src, item.path)));

  for (const path of paths.data) {
    if (path === '.') {
      warnings.push({ path, message: 'paths.data: the whole root cannot be data; entry ignored' });
      continue;
    }
    const dir = facts.dir(path);
    const hit = dir ? undefined : facts.file(path);
    if (!dir && !hit) {
      warnings.push({ path, message: 'paths.data: no such file or folder in the scanned tree' });
      continue;
    }
    // Already bloat itself, or inside bloat: the outer item says it all.
    if (items.some((item) => within(path, item.path))) continue;
    items = items.filter((item) => !within(item.path, path));
    const base = {
      rule: 'bloat/uploads',
      path,
      clean: 'data' as const,
      details: { configured: 'paths.data' },
    };
    if (dir) {
      items.push({ ...base, dir, bytes: dir.bytes, allocated: dir.allocated, files: dir.fileCount, tracked: dir.tracked, ignored: dir.ignored, description: `data folder (paths.data in the configuration), ${dir.fileCount} file${dir.fileCount === 1 ? '' : 's'}` });
    } else {
      const { file } = hit!;
      items.push({ ...base, file, bytes: file.size, allocated: file.allocated, files: 1, tracked: file.tracked, ignored: file.ignored, description: 'data file (paths.data in the configuration)' });
    }
  }
  return indexBloat(items, bloat.settle);
}
