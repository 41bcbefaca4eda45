/**
 * The text kernel: edits, lines and positions, separated-item removal. It imports nothing else
 * of the project, so every layer can use it.
 */
export * from './edit.js';
export * from './lines.js';
export * from './separated.js';
