/** The printed commands are built below the rules (src/model/hint.ts); kept here for existing imports. */
export * from '../model/hint.js';
