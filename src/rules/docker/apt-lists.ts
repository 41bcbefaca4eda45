import { aptListsProblems } from '../../docker/hygiene.js';
import { hygieneRule } from './shared.js';

const aptLists = hygieneRule({
  id: 'docker/apt-lists', category: 'docker', severity: 'warning',
  description: 'apt package lists are not removed in the same RUN that downloads them',
  fixSafety: 'unsafe',
}, aptListsProblems);

export default aptLists;
