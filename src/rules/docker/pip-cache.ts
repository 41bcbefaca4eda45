import { pipCacheProblems } from '../../docker/hygiene.js';
import { hygieneRule } from './shared.js';

const pipCache = hygieneRule({
  id: 'docker/pip-cache', category: 'docker', severity: 'warning',
  description: 'a pip or uv install in the final image keeps the download cache in its layer (no --no-cache-dir, no PIP_NO_CACHE_DIR)',
  fixSafety: 'safe',
}, pipCacheProblems);

export default pipCache;
