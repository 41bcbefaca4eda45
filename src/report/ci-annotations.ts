/**
 * CI formats beside SARIF: `--format github` (workflow command lines that GitHub Actions shows
 * as annotations on the changed files) and `--format gitlab` (GitLab's Code Quality report).
 * Both point at repository-relative paths, as SARIF does.
 */
import type { Finding, Severity } from '../findings.js';
import type { ScanResult } from '../scan.js';
import { findingFingerprint, locationPath, messageText } from './sarif.js';

/** Where a finding is shown, relative to the top of the git repository (or the scanned root). */
function repoRelative(result: ScanResult, f: Finding): string {
  const path = locationPath(f);
  return result.facts.repoPath(path === '.' ? '' : path) || '.';
}

/** A workflow command's message: GitHub decodes %25, %0D and %0A. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: the message escapes plus `:` and `,`, which end a property. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function renderGithub(result: ScanResult): string {
  return result.findings.map((f) => {
    const props = [`file=${escapeGithubProperty(repoRelative(result, f))}`];
    if (f.line !== undefined) props.push(`line=${f.line}`);
    props.push(`title=${escapeGithubProperty(`repolish ${f.rule}`)}`);
    return `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${escapeGithubData(messageText(f))}\n`;
  }).join('');
}

const GITLAB_SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'major', info: 'info' };

export function toGitlabCodeQuality(result: ScanResult): object[] {
  return result.findings.map((f) => ({
    description: messageText(f),
    check_name: f.rule,
    fingerprint: findingFingerprint(result, f),
    severity: GITLAB_SEVERITY[f.severity],
    location: { path: repoRelative(result, f), lines: { begin: f.line ?? 1 } },
  }));
}

export function renderGitlab(result: ScanResult): string {
  return `${JSON.stringify(toGitlabCodeQuality(result), null, 2)}\n`;
}
