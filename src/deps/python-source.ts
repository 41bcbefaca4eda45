/** Parsing Python lives in src/python (src/python/python-source.ts); kept here for existing imports. */
export * from '../python/python-source.js';
