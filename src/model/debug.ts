/**
 * `REPOLISH_DEBUG`: a comma list of topics (`cache`, `workers`, `ahead`) whose counts a run tells
 * on stderr; the tests observe the paths a scan took by them.
 */
export function debugEnabled(topic: string): boolean {
  return (process.env.REPOLISH_DEBUG ?? '').split(',').map((s) => s.trim()).includes(topic);
}
