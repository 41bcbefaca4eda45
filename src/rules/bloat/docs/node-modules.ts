/** `bloat/node-modules`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const nodeModules: RuleDocumentation = {
  title: 'Installed node_modules',
  docs: {
    what: 'A node_modules folder of installed npm packages.',
    why: '`npm ci` rebuilds it from the lockfile; kept in the tree it bloats build contexts and backups.',
    fix: 'Ignore it (`fix`) and delete it with `clean --include env --yes`.',
    example: '`static/node_modules`: installed npm packages',
  },
};

export default nodeModules;
