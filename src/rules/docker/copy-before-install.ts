import { copyBeforeInstallProblems } from '../../docker/hygiene.js';
import { hygieneRule } from './shared.js';

const copyBeforeInstall = hygieneRule({
  id: 'docker/copy-before-install', category: 'docker', severity: 'warning',
  description: 'the whole build context is copied before dependencies are installed, so any change reinstalls them',
}, copyBeforeInstallProblems);

export default copyBeforeInstall;
