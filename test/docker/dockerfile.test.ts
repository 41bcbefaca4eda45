import { describe, expect, it } from 'vitest';
import { isAptUpdate, pythonInstall, removesAptLists, systemInstall } from '../../src/docker/commands.js';
import { parseDockerfile } from '../../src/docker/dockerfile.js';
import { keyValues, substitute } from '../../src/docker/image.js';
import { parseShell } from '../../src/docker/shell.js';

describe('Dockerfile parser', () => {
  it('joins continuations, drops comment lines inside them and keeps offsets', () => {
    const text = 'FROM python:3.12-slim AS base\r\nRUN apt-get update && \\\r\n    # comment inside\r\n    apt-get install -y curl\r\nCOPY --chown=app:app --from=base ["a b", "/x/"]\r\n';
    const df = parseDockerfile('Dockerfile', text);
    expect(df.eol).toBe('\r\n');
    expect(df.instructions.map((i) => `${i.keyword}@${i.line}-${i.endLine}`)).toEqual(['FROM@1-1', 'RUN@2-4', 'COPY@5-5']);
    const run = df.instructions[1];
    expect(run.args.replace(/\s+/g, ' ')).toBe('apt-get update && apt-get install -y curl');
    expect(text.slice(run.start, run.end)).toBe('RUN apt-get update && \\\r\n    # comment inside\r\n    apt-get install -y curl');
    const copy = df.instructions[2];
    expect(copy.flags).toEqual({ chown: ['app:app'], from: ['base'] });
    expect(copy.exec).toEqual(['a b', '/x/']);
  });

  it('honours the escape directive and reads heredocs', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\n    c:\\\nRUN <<EOF\npip install torch\nEOF\nCOPY <<-CONF /etc/app.conf\n\tkey=value\n\tCONF\nCMD ["python"]\n';
    const df = parseDockerfile('Containerfile', text);
    expect(df.escape).toBe('`');
    expect(df.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'RUN', 'COPY', 'CMD']);
    expect(df.instructions[1].args.replace(/\s+/g, ' ')).toBe('dir c:\\');
    expect(df.instructions[2].heredocs).toEqual([{ name: 'EOF', content: 'pip install torch', line: 6 }]);
    expect(df.instructions[3].heredocs[0].content).toBe('key=value');
    expect(df.instructions[4].exec).toEqual(['python']);
  });

  it('reads ENV and ARG forms and substitutes variables', () => {
    expect(keyValues('A=1 B="two words" C=\'x\'')).toEqual({ A: '1', B: 'two words', C: 'x' });
    expect(keyValues('PIP_NO_CACHE_DIR 1')).toEqual({ PIP_NO_CACHE_DIR: '1' });
    expect(substitute('${APP:-/app}/$REQ ${MISSING}', { REQ: 'req.txt' })).toBe('/app/req.txt ${MISSING}');
  });
});

describe('shell commands of a RUN', () => {
  it('splits on control operators and removes wrappers and assignments', () => {
    const cmds = parseShell('set -eux; PIP_NO_CACHE_DIR=1 sudo -E pip install "torch==2.2" && (cd /x || exit 1) | tee log');
    expect(cmds.map((c) => c.words.map((w) => w.value).join(' '))).toEqual(['set -eux', 'pip install torch==2.2', 'cd /x', 'exit 1', 'tee log']);
    expect(cmds[1].assignments).toEqual({ PIP_NO_CACHE_DIR: '1' });
  });

  it('keeps file offsets of words across continuations', () => {
    const text = 'pip install \\\n  -r req.txt';
    const [cmd] = parseShell(text, 100);
    const r = cmd.words.find((w) => w.value === 'req.txt')!;
    expect(text.slice(r.start - 100, r.end - 100)).toBe('req.txt');
  });

  it('recognizes pip, uv, apt and apk commands', () => {
    const [pip] = parseShell('python3 -m pip --disable-pip-version-check install --upgrade -r a.txt --requirement=b.txt -e . torch[cpu]==2.2 -i https://x');
    const install = pythonInstall(pip)!;
    expect(install.tool).toBe('pip');
    expect(install.requirementFiles).toEqual(['a.txt', 'b.txt']);
    expect(install.localPaths).toEqual(['.']);
    expect(install.packages.map((w) => w.value)).toEqual(['torch[cpu]==2.2']);
    expect(install.noCacheFlag).toBe(false);
    expect(pythonInstall(parseShell('uv pip install --system --no-cache -r r.txt')[0])).toMatchObject({ tool: 'uv', noCacheFlag: true });
    expect(pythonInstall(parseShell('pip wheel -r r.txt -w /wheels')[0])?.buildsOnly).toBe(true);
    const [apt] = parseShell('apt-get -qq install -y --no-install-recommends gcc=4:12 libpq-dev');
    expect(systemInstall(apt)).toMatchObject({ manager: 'apt-get', packages: ['gcc', 'libpq-dev'], noRecommends: true });
    expect(systemInstall(parseShell('apk add --no-cache --virtual .build-deps gcc musl-dev')[0])).toMatchObject({ noCache: true, virtualGroup: '.build-deps', packages: ['gcc', 'musl-dev'] });
    expect(isAptUpdate(parseShell('apt update')[0])).toBe(true);
    expect(removesAptLists(parseShell('rm -rf /var/lib/apt/lists/*')[0])).toBe(true);
    expect(removesAptLists(parseShell('rm -rf /tmp/*')[0])).toBe(false);
  });
});
