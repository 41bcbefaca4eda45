import { Mulberry32 } from '../fixtures/lib/prng.js';

/**
 * A seeded pseudo-random generator (mulberry32): the same seed always yields the same sequence,
 * so a generated repository is a function of its seed and of the Python sources it copies.
 */
export class Prng extends Mulberry32 {
  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A heavy-tailed integer: most values near `min`, a few near `max` (sizes, file counts). */
  skewed(min: number, max: number, power = 3): number {
    return min + Math.floor(Math.pow(this.next(), power) * (max - min + 1));
  }

  /** Fisher-Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** Printable filler bytes (hex digits), cheap to make in bulk. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 4294967296).toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  bytes(length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i += 4) {
      const word = Math.floor(this.next() * 4294967296);
      for (let k = 0; k < 4 && i + k < length; k++) buf[i + k] = (word >>> (8 * k)) & 0xff;
    }
    return buf;
  }
}
