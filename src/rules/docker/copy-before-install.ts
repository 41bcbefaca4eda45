import { copyBeforeInstallProblems } from '../../docker/hygiene.js';
import { hygieneRule } from './shared.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Context copied before the install',
  docs: {
    what: 'The whole build context is copied before the dependencies are installed.',
    why: 'Any change to any file invalidates the install layer, so every build reinstalls everything.',
    fix: 'Copy the requirement files first, install, then COPY the rest.',
    example: 'COPY . . on line 3, then RUN pip install -r requirements.txt on line 4',
  },
};

const copyBeforeInstall = hygieneRule({
  id: 'docker/copy-before-install', category: 'docker', severity: 'warning',
  description: 'the whole build context is copied before dependencies are installed, so any change reinstalls them', ...DOCS,
}, copyBeforeInstallProblems);

export default copyBeforeInstall;
