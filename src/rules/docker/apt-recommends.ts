import { aptRecommendsProblems } from '../../docker/hygiene.js';
import { hygieneRule } from './shared.js';

const aptRecommends = hygieneRule({
  id: 'docker/apt-recommends', category: 'docker', severity: 'warning',
  description: 'apt-get install without --no-install-recommends',
  fixSafety: 'unsafe',
}, aptRecommendsProblems);

export default aptRecommends;
