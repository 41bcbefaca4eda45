/**
 * The `.gitignore` plan shared by `ignore/missing-gitignore` (which reports it) and `fix` (which
 * writes it): what is not covered yet, and the entries that cover it.
 */
import type { ScanContext as RuleContext } from '../model/context.js';
import { bloatKind } from '../bloat/detectors/index.js';
import { findSecretFiles } from './secrets.js';
import { proposeGitignoreEntries, type EntryCandidate, type IgnoreEntry } from './gitignore-entries.js';

export interface GitignorePlan {
  candidates: EntryCandidate[];
  entries: IgnoreEntry[];
  /** Pattern by covered path. */
  patternFor: Map<string, string>;
}

const plans = new WeakMap<RuleContext, GitignorePlan>();

export function gitignorePlan(context: RuleContext): GitignorePlan {
  const cached = plans.get(context);
  if (cached) return cached;
  const { facts, bloat } = context;
  const candidates: EntryCandidate[] = bloat.items
    // A kind may be reported and never ignored automatically (the size catch-all: it may be real data).
    .filter((item) => !item.ignored && bloatKind(item.rule).gitignore !== 'not-ignored')
    .map((item) => ({ rule: item.rule, path: item.path, isDir: item.dir !== undefined, item }));
  for (const secret of findSecretFiles(facts, bloat)) {
    if (!secret.file.ignored && !bloat.containing(secret.path)) candidates.push({ rule: 'security/env-file', path: secret.path, isDir: false });
  }
  const entries = proposeGitignoreEntries(facts, bloat, candidates);
  const patternFor = new Map<string, string>();
  for (const entry of entries) for (const path of entry.covers) patternFor.set(path, entry.pattern);
  const plan = { candidates, entries, patternFor };
  plans.set(context, plan);
  return plan;
}
