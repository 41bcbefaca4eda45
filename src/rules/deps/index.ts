/** Dependency rules, in report order: what weighs and is used, what weighs and is not, the rest. */
import heavy from './heavy.js';
import heavyUnused from './heavy-unused.js';
import missing from './missing.js';
import unused from './unused.js';
import type { Rule } from '../types.js';

export const depsRules: Rule[] = [heavyUnused, heavy, unused, missing];
