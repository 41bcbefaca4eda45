/** Container rules, in report order: image weight first, then layer hygiene. */
import aptLists from './apt-lists.js';
import aptRecommends from './apt-recommends.js';
import copyBeforeInstall from './copy-before-install.js';
import heavyUnusedInImage from './heavy-unused-in-image.js';
import pipCache from './pip-cache.js';
import singleStageBuildTools from './single-stage-build-tools.js';
import type { Rule } from '../types.js';

export const dockerRules: Rule[] = [heavyUnusedInImage, pipCache, aptLists, aptRecommends, copyBeforeInstall, singleStageBuildTools];
