/** Shards are a share of the walked tree (src/model/shard.ts); kept here for existing imports. */
export * from '../model/shard.js';
