/**
 * What a rule says about itself. Below the rules so that a bloat kind (src/bloat/detectors), which
 * is a rule and its detector in one module, can describe itself too.
 */
import type { Severity } from '../findings.js';
import type { Analysis } from './context.js';

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
  /** The costly analyses the rule reads (computed once, before the rules run where the caller can wait). */
  needs?: readonly Analysis[];
  /**
   * What a finding's bytes are, for the reports that add them up (the savings summary, the
   * fleet): `waste` is the waste itself (a bloat folder, a blob in history); `freed` is what
   * acting on the package the finding names frees (`freedBytes` where measured). Absent: the bytes
   * restate waste another finding reports (a missing ignore line, committed bloat, a build
   * context), and adding them too would count it twice.
   */
  findingBytes?: 'waste' | 'freed';
  /** A dependency rule's verdict on the declared package each finding names. */
  packageVerdict?: { heavy: boolean; unused: boolean };
  /** An ignore-file rule whose fix keeps bloat out of commits (.gitignore) or of build contexts (.dockerignore). */
  keepsOut?: 'commits' | 'build-contexts';
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
