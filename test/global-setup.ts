import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// CLI tests run the built bin exactly as a user would; build once before any test file runs.
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
