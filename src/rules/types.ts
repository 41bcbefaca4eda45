/**
 * A rule is one module: `meta` says what it is, `check` turns facts into findings, and an
 * optional `fix` proposes range edits that the fix command merges into one patch. Rules never
 * touch the disk: everything comes through `context.facts`. The context and the metadata types
 * live below the rules (src/model), so the analyses the rules read never import this layer.
 */
import type { Finding } from '../findings.js';
import type { ScanContext } from '../model/context.js';
import type { RuleMeta } from '../model/rule-meta.js';
import type { FileEdits } from '../patch/file-edits.js';

export type { RuleCategory, RuleMeta, RuleDocs, FixSafety } from '../model/rule-meta.js';
export { DEFAULT_SETTINGS, hintScope, type ScanSettings, type Analysis } from '../model/context.js';
export type { FileEdits } from '../patch/file-edits.js';

/** What a rule reads: the scan context. */
export type RuleContext = ScanContext;

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): Finding[];
  /** Mechanical fixes for this rule's findings, as edits of text files. */
  fix?(context: RuleContext, findings: Finding[]): FileEdits[];
}
