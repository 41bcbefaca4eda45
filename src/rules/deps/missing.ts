import { analyzeDependencies } from '../../deps/analysis.js';
import { place } from '../../deps/describe.js';
import type { Finding } from '../../findings.js';
import type { Rule } from '../types.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Undeclared import',
  docs: {
    what: 'A package the code imports that no manifest declares.',
    why: 'It works only because it happens to be installed: a fresh install breaks.',
    fix: 'Declare it in the requirement file the finding names.',
    example: '`yaml` is imported in app.py:3 but no manifest declares PyYAML',
  },
};

const TEST_FILE = /(^|\/)(tests?|testing)\/|(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/;

/** Imported by the project's code (unguarded), declared by no manifest. */
const missing: Rule = {
  meta: {
    id: 'deps/missing', category: 'deps', severity: 'warning', needs: ['imports'], findingBytes: 'freed',
    description: 'an imported package that no manifest declares: it works only by accident of what is installed', ...DOCS,
  },
  check(context) {
    const analysis = analyzeDependencies(context);
    const declaring = analysis.manifests.filter((m) => !m.constraintsOnly && m.dependencies.some((d) => d.group === 'main'));
    const primary = declaring.find((m) => m.path === 'requirements.txt') ?? declaring.find((m) => m.path === 'pyproject.toml')
      ?? declaring.find((m) => !m.path.includes('/') && !/dev|test|lint|doc/i.test(m.path)) ?? declaring[0] ?? analysis.manifests[0];
    return analysis.missing.map((m): Finding => {
      const first = m.sites[0];
      const testsOnly = m.sites.every((s) => TEST_FILE.test(s.path));
      const where = m.sites.slice(0, 3).map((s) => place(s.path, s.line)).join(', ') + (m.sites.length > 3 ? `, +${m.sites.length - 3} more` : '');
      const transitive = m.transitiveVia.length > 0;
      const how = transitive
        ? `; it is installed only because ${m.transitiveVia.join(', ')} require${m.transitiveVia.length === 1 ? 's' : ''} it (not missing from a fresh install; declare it if the code relies on it directly)`
        : m.installed ? `; it is installed in ${analysis.env?.path}/ but a fresh install would not bring it` : '';
      return {
        rule: 'deps/missing', severity: testsOnly || transitive ? 'info' : 'warning', path: first.path, line: first.line, package: m.dist,
        message: `${m.module} is imported (${where}) but ${m.module.toLowerCase() === m.dist ? 'it' : m.dist} is declared in no manifest${how}`,
        fix: primary ? `add ${m.dist} to ${primary.path}${testsOnly ? ' (or the test requirements)' : ''}` : `declare ${m.dist} in the project's requirements`,
        manifest: primary?.path,
        module: m.module,
        importedIn: m.sites.map((s) => place(s.path, s.line)),
        testsOnly: testsOnly || undefined,
      };
    });
  },
};

export default missing;
