import { aptListsProblems } from '../../docker/hygiene.js';
import { hygieneRule } from './shared.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'apt lists kept in the layer',
  docs: {
    what: 'apt package lists downloaded by `apt-get update` and not removed in the same RUN.',
    why: 'They add 20-50 MB to the layer; removing them in a later RUN does not shrink the image.',
    fix: '`fix --unsafe` appends `rm -rf /var/lib/apt/lists/*` to the same RUN.',
    fixSafety: 'a later RUN that installs with apt-get without its own `apt-get update` fails once the lists are gone.',
    example: 'RUN apt-get update && apt-get install -y curl',
  },
};

const aptLists = hygieneRule({
  id: 'docker/apt-lists', category: 'docker', severity: 'warning',
  description: 'apt package lists are not removed in the same RUN that downloads them', ...DOCS,
  fixSafety: 'unsafe',
}, aptListsProblems);

export default aptLists;
