/** Writes a generated tree and counts what it wrote (regular files, folders, apparent bytes). */
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export class TreeWriter {
  files = 0;
  symlinks = 0;
  bytes = 0;
  private readonly made = new Set<string>();

  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
    this.made.add('');
  }

  mkdir(rel: string): void {
    if (this.made.has(rel)) return;
    mkdirSync(join(this.root, rel), { recursive: true });
    for (let p = rel; p !== '' && !this.made.has(p); p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') this.made.add(p);
  }

  get dirs(): number {
    return this.made.size - 1;
  }

  write(rel: string, content: string | Buffer): void {
    this.mkdir(parentOf(rel));
    writeFileSync(join(this.root, rel), content);
    this.files += 1;
    this.bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }

  /** A large file that takes no disk space: its header, then a hole up to `size` bytes. */
  sparse(rel: string, header: Buffer, size: number): void {
    this.mkdir(parentOf(rel));
    const abs = join(this.root, rel);
    writeFileSync(abs, header);
    truncateSync(abs, Math.max(size, header.length));
    this.files += 1;
    this.bytes += Math.max(size, header.length);
  }

  symlink(rel: string, target: string): void {
    this.mkdir(parentOf(rel));
    symlinkSync(target, join(this.root, rel));
    this.symlinks += 1;
  }
}

function parentOf(rel: string): string {
  const d = dirname(rel);
  return d === '.' ? '' : d;
}
