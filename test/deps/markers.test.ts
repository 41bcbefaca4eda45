import { describe, expect, it } from 'vitest';
import { environmentFor, evaluateMarker, linuxEnvironment, markerApplies, parseMarker, MarkerSyntaxError } from '../../src/deps/markers.js';
import { compareVersions, parseVersion, versionMatches } from '../../src/deps/version.js';

describe('PEP 440 versions', () => {
  it('orders dev, pre, final and post releases', () => {
    const order = ['1.0.dev0', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0.post1', '1.0.1', '2!0.1'];
    const parsed = order.map((v) => parseVersion(v)!);
    for (let i = 1; i < parsed.length; i++) expect([order[i - 1], compareVersions(parsed[i - 1], parsed[i])]).toEqual([order[i - 1], -1]);
    expect(compareVersions(parseVersion('3.10')!, parseVersion('3.10.0')!)).toBe(0);
  });

  it('matches specifiers, wildcards and compatible releases', () => {
    expect(versionMatches('3.11.9', '>=', '3.8')).toBe(true);
    expect(versionMatches('3.10', '<', '3.9')).toBe(false); // numeric, not string, comparison
    expect(versionMatches('3.11.2', '==', '3.11.*')).toBe(true);
    expect(versionMatches('3.12.0', '!=', '3.11.*')).toBe(true);
    expect(versionMatches('2.2.1', '~=', '2.2')).toBe(true);
    expect(versionMatches('3.0', '~=', '2.2')).toBe(false);
  });
});

describe('PEP 508 markers', () => {
  const linux = linuxEnvironment('3.11.9');

  it('evaluates platform markers the way pip does for the venv platform', () => {
    const cuda = 'platform_system == "Linux" and platform_machine == "x86_64"';
    expect(markerApplies(cuda, linux)).toBe(true);
    expect(markerApplies(cuda, environmentFor('3.11.9', ['macosx_11_0_arm64']))).toBe(false);
    expect(markerApplies(cuda, environmentFor('3.12.1', ['manylinux_2_28_aarch64']))).toBe(false);
    expect(markerApplies('sys_platform == "win32"', environmentFor('3.11', ['win_amd64']))).toBe(true);
    expect(markerApplies('python_version < "3.11"', linux)).toBe(false);
    expect(markerApplies('python_full_version >= "3.11.4" and (os_name == "nt" or implementation_name == "cpython")', linux)).toBe(true);
    expect(markerApplies('"linux" in sys_platform', linux)).toBe(true);
    expect(markerApplies("platform_machine not in 'arm64 aarch64'", linux)).toBe(true);
  });

  it('binds extra to the extras requested of the distribution', () => {
    const m = parseMarker('extra == "Torch" and python_version >= "3.9"');
    expect(evaluateMarker(m, linux)).toBe(false);
    expect(evaluateMarker(m, linux, new Set(['torch']))).toBe(true);
  });

  it('rejects malformed markers, and treats an unreadable one as applying', () => {
    expect(() => parseMarker('python_version >=')).toThrow(MarkerSyntaxError);
    expect(() => parseMarker('favourite_colour == "blue"')).toThrow(MarkerSyntaxError);
    expect(markerApplies('python_version >=', linux)).toBe(true);
  });
});
