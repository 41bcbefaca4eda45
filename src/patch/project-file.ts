/** Safe project-file reads live with the facts that use them (src/model/project-file.ts); kept here for existing imports. */
export * from '../model/project-file.js';
