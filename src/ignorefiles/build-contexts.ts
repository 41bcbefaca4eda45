/** Build contexts are found with the container files (src/docker/build-contexts.ts); kept here for existing imports. */
export * from '../docker/build-contexts.js';
