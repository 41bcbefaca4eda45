/**
 * Whether a virtualenv found in the tree describes this project: a venv counts as proof of what
 * is installed only when it holds most of what the manifests declare. A stray venv (another
 * project's, a half-built one, one with just pip) would otherwise make every declared package
 * look "not installed here" and every edge of the dependency graph look absent.
 */
import type { InstalledEnvironment } from './installed.js';

/** Share of the declared packages that must be installed for the venv to count. */
export const MIN_INSTALLED_SHARE = 0.5;

export interface EnvironmentMatch {
  path: string;
  matches: boolean;
  installed: number;
  declared: number;
  /** Why it does not match, for the warning. */
  why: string;
}

export function environmentMatch(env: InstalledEnvironment, declared: ReadonlySet<string>): EnvironmentMatch {
  const names = [...declared];
  const installed = names.filter((n) => env.dists.has(n));
  const base = { path: env.path, installed: installed.length, declared: names.length };
  if (names.length === 0) return { ...base, matches: true, why: '' };
  if (installed.length >= Math.ceil(names.length * MIN_INSTALLED_SHARE)) return { ...base, matches: true, why: '' };
  const absent = names.filter((n) => !env.dists.has(n)).sort();
  const list = absent.slice(0, 5).join(', ') + (absent.length > 5 ? `, +${absent.length - 5} more` : '');
  return {
    ...base,
    matches: false,
    why: `it holds ${installed.length} of the ${names.length} packages the manifests declare (not installed: ${list}), so it is not this project's environment; sizes and requirements come from typical data instead`,
  };
}
