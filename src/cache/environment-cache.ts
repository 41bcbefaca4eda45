/**
 * The virtualenv metadata cache: what each file of an installed distribution's metadata folder
 * says (METADATA, RECORD, top_level.txt, ...), as src/deps/installed.ts summarizes it, kept per
 * file under the file's own path, size, mtime (ns), inode and mode. A warm scan of a 100k-file
 * venv then reads none of its ~900 RECORDs again; the sizes the RECORDs' files have now still come
 * from the walk. It is the import cache's store (src/cache/analysis-cache.ts), in a file of its
 * own per scanned root, with the same trust rules: anything that does not check out is ignored
 * with a warning and rewritten.
 */
import { ENVIRONMENT_SUMMARY_VERSION, type DistFileSummary } from '../deps/installed.js';
import { AnalysisCache } from './analysis-cache.js';
import { cacheDebugEnabled, maxBytes, type ImportCacheOptions } from './import-cache.js';

export type EnvironmentCache = AnalysisCache<DistFileSummary>;

/** The same settings as the import cache (`--cache-dir`, `--no-cache`, where warnings go). */
export type EnvironmentCacheOptions = ImportCacheOptions;

export function openEnvironmentCache(root: string, options: EnvironmentCacheOptions): EnvironmentCache | undefined {
  return AnalysisCache.open<DistFileSummary>(root, { ...options, name: 'environments', analyser: `environments-${ENVIRONMENT_SUMMARY_VERSION}`, maxBytes: maxBytes() });
}

/** Writes the cache and, under `REPOLISH_DEBUG=cache`, says how it was used (when a virtualenv was read). */
export function closeEnvironmentCache(cache: EnvironmentCache | undefined, debug: (message: string) => void): void {
  if (!cache) return;
  cache.save();
  const { hits, misses, stored, written, file } = cache.stats;
  if (!cacheDebugEnabled() || hits + misses === 0) return;
  debug(`environment cache: ${hits} reused, ${misses} read, ${stored} stored, ${written ? 'written' : 'not written'} (${file})`);
}
