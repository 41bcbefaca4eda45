import { pipCacheProblems } from '../../docker/hygiene.js';
import { hygieneRule } from './shared.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'pip cache kept in the image',
  docs: {
    what: 'A pip or uv install in the final image without --no-cache-dir (uv: --no-cache) or the matching environment variable.',
    why: 'The download cache stores every wheel a second time inside the layer.',
    fix: '`fix` adds --no-cache-dir (uv: --no-cache) to the install.',
    fixSafety: 'the cache is only read by later installs in the same layer, so the image behaves the same.',
    example: '`pip install -r requirements.txt` keeps pip\'s download cache in the image layer',
  },
};

const pipCache = hygieneRule({
  id: 'docker/pip-cache', category: 'docker', severity: 'warning',
  description: 'a pip or uv install in the final image keeps the download cache in its layer (no --no-cache-dir, no PIP_NO_CACHE_DIR)', ...DOCS,
  fixSafety: 'safe',
}, pipCacheProblems);

export default pipCache;
