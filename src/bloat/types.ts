/** The bloat index types live with the scan context (src/model/bloat.ts); kept here for existing imports. */
export type { BloatIndex, BloatItem, CleanCategory } from '../model/bloat.js';
