/**
 * Bloat that a project already handles on purpose: ignored by git, untracked, excluded from every
 * container build context, and mounted into a service as a compose bind volume (a database
 * folder, a model cache the stack keeps on the host). There is nothing left to do about it, so it
 * is reported as info, not as a warning.
 */
import { parse as parseYaml } from 'yaml';
import type { BloatItem } from '../../model/bloat.js';
import { dockerMatcher, buildContextsOutsideBloat, normalizeRelativePath } from '../../docker/build-contexts.js';
import { containerAndComposeFiles } from '../../docker/container-files.js';
import { joinPath } from '../../model/tree.js';
import type { RuleContext } from '../types.js';

const cache = new WeakMap<RuleContext, { volumes: string[]; excluded: (path: string) => boolean }>();

/** Host folders of compose bind mounts (relative to the root): `./data:/data`, or `type: bind` with `source`. */
function composeBindSources(context: RuleContext): string[] {
  const { facts } = context;
  const sources: string[] = [];
  for (const file of containerAndComposeFiles(facts.tree)) {
    if (!file.compose) continue;
    const path = joinPath(file.dir.path, file.name);
    let doc: unknown;
    try { doc = parseYaml(facts.readText(path) ?? ''); } catch { continue; } // build-contexts.ts warns about bad YAML
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const services = (doc as { services?: Record<string, { volumes?: unknown[] } | null> } | null)?.services ?? {};
    for (const service of Object.values(services)) {
      for (const volume of service?.volumes ?? []) {
        let source: string | undefined;
        if (typeof volume === 'string') {
          const host = volume.split(':')[0];
          // A named volume has no slash and no dot prefix: Docker keeps it, not the project folder.
          if (host.startsWith('./') || host.startsWith('../') || host === '.') source = host;
        } else if (volume && typeof volume === 'object' && (volume as { type?: string }).type === 'bind') {
          const host = (volume as { source?: unknown }).source;
          if (typeof host === 'string' && !host.startsWith('/')) source = host;
        }
        const relative = source === undefined ? undefined : normalizeRelativePath(`${dir}/${source}`);
        if (relative !== undefined) sources.push(relative);
      }
    }
  }
  return sources;
}

function settings(context: RuleContext): { volumes: string[]; excluded: (path: string) => boolean } {
  const cached = cache.get(context);
  if (cached) return cached;
  const { facts, bloat } = context;
  const contexts = buildContextsOutsideBloat(facts, bloat).map((c) => ({
    path: c.path,
    matches: c.ignoreFile ? dockerMatcher(facts.readText(c.ignoreFile) ?? '') : () => false,
  }));
  const excluded = (path: string) => contexts.every((c) => {
    if (c.path !== '' && path !== c.path && !path.startsWith(`${c.path}/`)) return true; // not in this context
    return c.matches(c.path === '' ? path : path.slice(c.path.length + 1));
  });
  const built = { volumes: composeBindSources(context), excluded };
  cache.set(context, built);
  return built;
}

/** True when the item is ignored, untracked, kept out of every build context and a compose bind volume (or inside one). */
export function settledComposeVolume(context: RuleContext, item: BloatItem): boolean {
  if (!item.ignored || item.tracked) return false;
  const { volumes, excluded } = settings(context);
  const mounted = volumes.some((v) => v === '' || item.path === v || item.path.startsWith(`${v}/`));
  return mounted && excluded(item.path);
}
