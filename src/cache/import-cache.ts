/** The analysis cache as the scan uses it: per-file import analyses, with a count for `REPOLISH_DEBUG=cache`. */
import type { FileAnalysis } from '../deps/imports.js';
import { IMPORT_ANALYSIS_VERSION } from '../deps/imports.js';
import { AnalysisCache } from './analysis-cache.js';
import { cacheDebugEnabled } from './cache-file.js';

export { cacheDebugEnabled } from './cache-file.js';

export interface ImportCacheOptions {
  /** `--cache-dir DIR` (default `$XDG_CACHE_HOME/repolish`, else `~/.cache/repolish`). */
  dir?: string;
  /** `--no-cache`. */
  disabled?: boolean;
  /** The cache's own warnings (stderr); they never enter the report. */
  warn: (message: string) => void;
  /** Where `REPOLISH_DEBUG=cache` tells the counts (stderr). */
  debug: (message: string) => void;
}

export type ImportCache = AnalysisCache<FileAnalysis>;

/** The largest the cache folder may grow: `REPOLISH_CACHE_MAX_MB`, else the default. */
export function maxBytes(): number | undefined {
  const mb = Number(process.env.REPOLISH_CACHE_MAX_MB);
  return process.env.REPOLISH_CACHE_MAX_MB && Number.isFinite(mb) && mb >= 0 ? mb * 1024 * 1024 : undefined;
}

export function openImportCache(root: string, options: ImportCacheOptions): ImportCache | undefined {
  return AnalysisCache.open<FileAnalysis>(root, { ...options, analyser: `imports-${IMPORT_ANALYSIS_VERSION}`, maxBytes: maxBytes() });
}

/** Writes the cache and, under `REPOLISH_DEBUG=cache`, says how it was used. */
export function closeImportCache(cache: ImportCache | undefined, debug: (message: string) => void): void {
  // Written even when the scan's rules fail later: the analyses themselves are sound.
  if (!cache) {
    if (cacheDebugEnabled()) debug('cache: off');
    return;
  }
  cache.save();
  if (!cacheDebugEnabled()) return;
  const { hits, misses, stored, written, file } = cache.stats;
  debug(`cache: ${hits} hits, ${misses} misses, ${stored} stored, ${written ? 'written' : 'not written'} (${file})`);
}
