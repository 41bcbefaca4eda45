/** "Did you mean": the known words closest to a mistyped one. */

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Up to three known words within a typo's reach of `word` (or containing it), closest first. */
export function closest(word: string, known: readonly string[]): string[] {
  const w = word.toLowerCase();
  const scored = known.map((k) => {
    const lower = k.toLowerCase();
    const tail = lower.slice(lower.indexOf('/') + 1);
    const d = Math.min(distance(w, lower), distance(w, tail));
    return { k, d: lower.includes(w) || (w.length > 2 && tail.startsWith(w)) ? Math.min(d, 1) : d };
  });
  const reach = Math.max(2, Math.floor(w.length / 3));
  return scored.filter((s) => s.d <= reach).sort((a, b) => a.d - b.d || a.k.localeCompare(b.k)).slice(0, 3).map((s) => s.k);
}

/** ` (did you mean "a" or "b"?)`, or nothing when no word is close. */
export function didYouMean(word: string, known: readonly string[]): string {
  const near = closest(word, known);
  if (near.length === 0) return '';
  return ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)`;
}
