import { aptRecommendsProblems } from '../../docker/hygiene.js';
import { hygieneRule } from './shared.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'apt installs recommended packages',
  docs: {
    what: '`apt-get install` without --no-install-recommends (and no APT configuration that turns recommends off).',
    why: 'Recommended packages often double what gets installed.',
    fix: '`fix --unsafe` adds --no-install-recommends; build and test the image afterwards.',
    fixSafety: 'a program can depend on a recommended package, so the image may build and then fail at run time.',
    example: 'RUN apt-get install -y ffmpeg',
  },
};

const aptRecommends = hygieneRule({
  id: 'docker/apt-recommends', category: 'docker', severity: 'warning',
  description: 'apt-get install without --no-install-recommends', ...DOCS,
  fixSafety: 'unsafe',
}, aptRecommendsProblems);

export default aptRecommends;
