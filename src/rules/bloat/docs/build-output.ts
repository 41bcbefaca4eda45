/** `bloat/build-output`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const buildOutput: RuleDocumentation = {
  title: 'Build output',
  docs: {
    what: 'Build products: dist/ with wheels and sdists, setuptools build/, *.egg-info.',
    why: 'They are rebuilt from the sources and go stale; committing them invites installing an old build.',
    fix: 'Ignore them (`fix`) and delete them with `clean --yes`.',
    example: '`mypkg.egg-info`: setuptools metadata',
  },
};

export default buildOutput;
