import { buildToolProblems } from '../../docker/hygiene.js';
import { hygieneRule } from './shared.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Build tools in the final image',
  docs: {
    what: 'Compilers and -dev headers installed in the final image.',
    why: 'They are needed to build wheels, not to run the application, and add hundreds of MB.',
    fix: 'Use a multi-stage build: compile in a builder stage and copy only the results.',
    example: 'RUN apt-get install -y gcc python3-dev in a single-stage Dockerfile',
  },
};

const singleStageBuildTools = hygieneRule({
  id: 'docker/single-stage-build-tools', category: 'docker', severity: 'warning',
  description: 'compilers and -dev headers are left in the final image', ...DOCS,
}, buildToolProblems);

export default singleStageBuildTools;
