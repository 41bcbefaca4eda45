/**
 * A rule is one module: `meta` says what it is, `check` turns facts into findings, and an
 * optional `fix` proposes range edits that the fix command merges into one patch. Rules never
 * touch the disk: everything comes through `context.facts`.
 */
import type { Finding, Severity } from '../findings.js';
import type { RepoFacts } from '../model/facts.js';
import type { BloatIndex } from '../bloat/types.js';
import type { Edit as TextEdit } from '../text/edit.js';
import type { HintScope } from '../report/hint.js';

export type RuleCategory = 'bloat' | 'ignore' | 'git' | 'deps' | 'docker' | 'security';

export interface RuleMeta {
  id: string;
  category: RuleCategory;
  severity: Severity;
  /** One sentence for `--help`, the README and SARIF. */
  description: string;
  /**
   * Whether the rule's `fix` can change behaviour (as ruff puts it): `safe` fixes are what
   * `fix --write` applies; `unsafe` ones (an image build that may break, a runtime that may
   * differ) only with `--unsafe`. Only rules with a `fix` say.
   */
  fixSafety?: FixSafety;
  /** A short title (`repolish rules`, the docs, SARIF `name`-like text). */
  title?: string;
  /** The rule's documentation: `repolish explain`, docs/rules/<id>.md, SARIF help. */
  docs?: RuleDocs;
  /** Where the documentation is published; default: docs/rules/<id>.md in the repository. */
  url?: string;
}

export interface RuleDocs {
  /** What the rule finds. */
  what: string;
  /** Why it matters. */
  why: string;
  /**
   * How to fix it. Commands are named without `repolish` and without a path (`fix --write`):
   * the documentation is read away from any scan, so nothing in it is a command to paste.
   */
  fix: string;
  /** Why the fix is safe or unsafe (rules with a `fix`). */
  fixSafety?: string;
  /** A finding as the rule reports it. */
  example: string;
}

export type FixSafety = 'safe' | 'unsafe';

export interface ScanSettings {
  /** Files at or above this size are `bloat/large-file` (bytes). */
  largeFileBytes: number;
  /** Weight files (gguf, safetensors, ...) at or above this size are `bloat/model-weights`. */
  modelWeightsBytes: number;
  /** Dependencies at or above this installed size are heavy. */
  heavyPackageBytes: number;
}

export const DEFAULT_SETTINGS: ScanSettings = {
  largeFileBytes: 50 * 1024 * 1024,
  modelWeightsBytes: 10 * 1024 * 1024,
  heavyPackageBytes: 100 * 1024 * 1024,
};

export interface RuleContext {
  facts: RepoFacts;
  bloat: BloatIndex;
  settings: ScanSettings;
  /** Where the commands in fix hints point (the scanned root, repeated flags); default: the root alone. */
  hints?: HintScope;
}

/** The scope a rule's printed commands name. */
export function hintScope(context: RuleContext): HintScope {
  return context.hints ?? { root: context.facts.root };
}

/** Edits to one file (path relative to the root); `create` makes a new file from the edits. */
export interface FileEdits {
  path: string;
  edits: TextEdit[];
  create?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): Finding[];
  /** Mechanical fixes for this rule's findings, as edits of text files. */
  fix?(context: RuleContext, findings: Finding[]): FileEdits[];
}
