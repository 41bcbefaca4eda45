/** A container-hygiene rule from a detector: findings per build file and line, fixes as edits. */
import { collectImages, type ImageModel } from '../../docker/image.js';
import type { HygieneProblem } from '../../docker/hygiene.js';
import type { Finding, Severity } from '../../findings.js';
import { hints } from '../../model/hint.js';
import { hintScope, type FileEdits, type Rule, type RuleMeta } from '../types.js';

export function hygieneRule(meta: RuleMeta & { severity: Severity }, detect: (image: ImageModel) => HygieneProblem[]): Rule {
  const problems = (context: Parameters<Rule['check']>[0]) => collectImages(context.facts, context.bloat).flatMap(detect);
  return {
    meta,
    check(context) {
      return problems(context).map((p): Finding => ({
        rule: meta.id, severity: p.severity ?? meta.severity, path: p.image.path, line: p.line, message: p.message,
        // The command applies this fix only with --unsafe when the rule says its fix can change the build.
        fix: p.edits.length > 0 ? `${p.advice}: \`${hints.fixWrite(hintScope(context), meta.fixSafety === 'unsafe')}\`` : p.advice,
        fixable: p.edits.length > 0 || undefined,
        ...p.fields,
      }));
    },
    // Only a rule that declares how safe its fix is has one (the others' problems have no edits).
    fix: meta.fixSafety === undefined ? undefined : (context, findings) => {
      const wanted = new Set(findings.map((f) => `${f.path}:${f.line}`));
      const byPath = new Map<string, FileEdits>();
      for (const p of problems(context)) {
        if (p.edits.length === 0 || !wanted.has(`${p.image.path}:${p.line}`)) continue;
        let entry = byPath.get(p.image.path);
        if (!entry) byPath.set(p.image.path, (entry = { path: p.image.path, edits: [] }));
        for (const e of p.edits) if (!entry.edits.some((x) => x.start === e.start && x.end === e.end && x.text === e.text)) entry.edits.push(e);
      }
      return [...byPath.values()];
    },
  };
}
