import { buildToolProblems } from '../../docker/hygiene.js';
import { hygieneRule } from './shared.js';

const singleStageBuildTools = hygieneRule({
  id: 'docker/single-stage-build-tools', category: 'docker', severity: 'warning',
  description: 'compilers and -dev headers are left in the final image',
}, buildToolProblems);

export default singleStageBuildTools;
