import type { Finding } from '../../findings.js';
import { iterateDirs, joinPath } from '../../model/tree.js';
import type { Rule } from '../types.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Suspicious ignore-file line',
  docs: {
    what: 'An ignore-file line that is a duplicate, a likely typo, or can never match anything.',
    why: 'A line that does not do what it says hides real gaps.',
    fix: 'Edit or remove the line by hand: repolish never rewrites existing lines.',
    example: '`.gitignore:2`: `myenv/.env` matches nothing: there is no `myenv/` folder here',
  },
};

const GLOB = /[*?[\\]/;

/** Lines of one ignore file that are duplicates, typos, or can never match anything here. */
function suspiciousLines(text: string, folder: string, exists: (path: string) => boolean): { line: number; entry: string; why: string }[] {
  const out: { line: number; entry: string; why: string }[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const entry = raw.replace(/(?<!\\)\s+$/, '');
    if (entry === '' || entry.startsWith('#')) return;
    const first = seen.get(entry);
    if (first !== undefined) {
      out.push({ line, entry, why: `duplicate of line ${first}` });
      return;
    }
    seen.set(entry, line);
    const body = entry.replace(/^!/, '').replace(/^\//, '').replace(/\/$/, '');
    const doubled = body.match(/^(.*?)((\.[A-Za-z0-9]+))\2$/);
    if (doubled) {
      out.push({ line, entry, why: `doubled suffix: did you mean \`${doubled[1]}${doubled[2]}\`?` });
      return;
    }
    // `myenv/.env`: a file path into a folder that does not exist matches nothing, usually two
    // entries run together. Template lines for what tools create later are not: a folder's
    // contents (`.idea/*`), an output folder (`docs/_build/`, `build/Release`, `.angular/cache`),
    // a deeper path (`tests/fixtures/app/setup.py`), a negation (`!/tests/**/*.egg`).
    const slash = body.indexOf('/');
    if (slash > 0 && !entry.startsWith('!') && !GLOB.test(body) && !entry.endsWith('/')) {
      const firstSegment = body.slice(0, slash);
      const rest = body.slice(slash + 1);
      if (!rest.includes('/') && rest.includes('.') && !exists(joinPath(folder, firstSegment))) {
        out.push({ line, entry, why: `matches nothing: there is no \`${firstSegment}/\` folder here (meant \`${firstSegment}/\` and \`${rest}\` as two entries?)` });
      }
    }
  });
  return out;
}

const suspiciousEntry: Rule = {
  meta: { id: 'ignore/suspicious-entry', category: 'ignore', severity: 'info', description: 'ignore-file lines that are duplicates, typos, or can never match', ...DOCS },
  check({ facts, bloat }) {
    const findings: Finding[] = [];
    const exists = (path: string) => facts.dir(path) !== undefined || facts.file(path) !== undefined;
    for (const dir of iterateDirs(facts.tree)) {
      if (dir.ignored || (dir.path !== '' && bloat.containing(dir.path))) continue;
      for (const name of ['.gitignore', '.dockerignore', '.containerignore']) {
        if (!dir.files.some((f) => f.name === name && f.kind === 'file')) continue;
        const path = joinPath(dir.path, name);
        const text = facts.readText(path);
        if (text === undefined) continue;
        for (const hit of suspiciousLines(text, dir.path, exists)) {
          findings.push({
            rule: 'ignore/suspicious-entry', severity: 'info', path, line: hit.line, entry: hit.entry,
            message: `\`${hit.entry}\`: ${hit.why}`,
            fix: 'edit or remove the line by hand (repolish does not rewrite existing ignore lines)',
          });
        }
      }
    }
    return findings;
  },
};

export default suspiciousEntry;
