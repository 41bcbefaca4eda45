/**
 * `scan --format sarif`: SARIF 2.1.0 as GitHub code scanning ingests it. Every rule that ran is a
 * `reportingDescriptor` (GitHub requires shortDescription, fullDescription and help text); every
 * finding a `result` with one location relative to the repository top (`%SRCROOT%`), so alerts
 * land on the right files even when a subfolder was scanned. Findings about a folder point at the
 * folder. GitHub requires a region, so a finding without a line points at line 1.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { formatBytes } from '../bloat/detector.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../findings.js';
import { encodeName, hasEscapedBytes } from '../model/names.js';
import type { RuleMeta } from '../rules/types.js';
import { renderRuleHelpText, renderRuleMarkdown, ruleUrl } from '../rules/docs.js';
import type { ScanResult } from '../scan.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub rejects a run with more results than this. */
export const MAX_RESULTS = 25_000;
const TOOL_VERSION = '0.1.0';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function pathToUri(path: string): string {
  return path.split('/').map(segmentToUri).join('/');
}

/** A name that is not valid UTF-8 (kept as escapes, src/model/names.ts) is encoded by its exact bytes. */
function segmentToUri(segment: string): string {
  if (!hasEscapedBytes(segment)) return encodeURIComponent(segment);
  let out = '';
  for (const byte of encodeName(segment)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.!~*'()]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The file a result is shown on. A finding about the whole root (a build context at the top)
 * points at a file that explains it: the container file, else the root `.gitignore`.
 */
export function locationPath(finding: Finding): string {
  if (finding.path !== '' && finding.path !== '.') return finding.path;
  const containerFiles = finding.containerFiles;
  if (Array.isArray(containerFiles) && typeof containerFiles[0] === 'string') return containerFiles[0];
  return '.gitignore';
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}

export function messageText(finding: Finding): string {
  const size = typeof finding.bytes === 'number' && !finding.message.includes(formatBytes(finding.bytes)) ? ` (${formatBytes(finding.bytes)})` : '';
  const message = `${finding.message}${size}`;
  const text = /[.!?]$/.test(message) ? message : `${message}.`;
  return finding.fix ? `${text} Fix: ${finding.fix}` : text;
}

function descriptor(meta: RuleMeta): object {
  const tags = [meta.category];
  return {
    id: meta.id,
    name: meta.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: meta.title ?? meta.description },
    fullDescription: { text: meta.docs ? `${meta.description}. ${meta.docs.what}` : meta.description },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    ...(meta.docs ? { helpUri: ruleUrl(meta) } : {}),
    // The rule's documentation; each result names the command that fixes it for the scanned folder.
    help: { text: renderRuleHelpText(meta), markdown: renderRuleMarkdown(meta) },
    properties: {
      tags,
      precision: 'high',
      'problem.severity': meta.severity === 'info' ? 'recommendation' : meta.severity,
      ...(meta.category === 'security' ? { 'security-severity': meta.severity === 'error' ? '7.5' : '5.0' } : {}),
    },
  };
}

const fingerprints = new WeakMap<ScanResult, WeakMap<Finding, string>>();

/**
 * The finding's stable identity: the rule, the place (relative to the repository top) and the
 * package, not its size. SARIF's primaryLocationLineHash, the JSON report's `fingerprint`, and
 * what `--baseline` matches on.
 */
export function findingFingerprint(result: ScanResult, f: Finding): string {
  // Asked twice per finding by the JSON report (its own, and its group's root): made once.
  let known = fingerprints.get(result);
  if (!known) fingerprints.set(result, (known = new WeakMap()));
  let print = known.get(f);
  if (print === undefined) {
    const uri = pathToUri(result.facts.repoPath(locationPath(f) === '.' ? '' : locationPath(f)));
    known.set(f, (print = `${fingerprint(f.rule, uri, String(f.line ?? ''), f.package ?? '')}:1`));
  }
  return print;
}

export function toSarif(result: ScanResult): object {
  const metas = new Map<string, RuleMeta>(result.rules.map((r) => [r.meta.id, r.meta]));
  // A finding from a rule outside the registry still needs a descriptor.
  for (const f of result.findings) {
    if (!metas.has(f.rule)) {
      metas.set(f.rule, { id: f.rule, category: f.rule.split('/')[0] as RuleMeta['category'], severity: f.severity, description: f.rule });
    }
  }
  const ruleIds = [...metas.keys()];
  const repoPath = (path: string) => result.facts.repoPath(path === '.' ? '' : path);
  const top = result.facts.repo?.topLevel ?? result.root;

  const findings = [...result.findings];
  let truncated = 0;
  if (findings.length > MAX_RESULTS) {
    // GitHub rejects the whole upload past the limit: keep the most severe, then the largest.
    findings.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (b.bytes ?? 0) - (a.bytes ?? 0));
    truncated = findings.length - MAX_RESULTS;
    findings.length = MAX_RESULTS;
  }

  const results = findings.map((f) => {
    const uri = pathToUri(repoPath(locationPath(f)));
    const properties: Record<string, unknown> = {};
    for (const key of ['bytes', 'files', 'tracked', 'ignored', 'package', 'freedBytes', 'fix'] as const) {
      if (f[key] !== undefined) properties[key] = f[key];
    }
    return {
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: LEVEL[f.severity],
      message: { text: messageText(f) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri, uriBaseId: SRCROOT },
            region: { startLine: typeof f.line === 'number' && f.line >= 1 ? f.line : 1 },
          },
        },
      ],
      partialFingerprints: {
        // Stable across size changes: the rule, the place and the package say which problem it is.
        primaryLocationLineHash: findingFingerprint(result, f),
      },
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    };
  });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'repolish',
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: 'https://www.npmjs.com/package/repolish',
            rules: [...metas.values()].map(descriptor),
          },
        },
        originalUriBaseIds: {
          [SRCROOT]: { uri: `${pathToFileURL(top).href.replace(/\/?$/, '/')}`, description: { text: 'The repository top (or the scanned folder outside git).' } },
        },
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          totals: { bytes: result.totals.bytes, files: result.totals.files },
          ...(truncated > 0 ? { truncatedResults: truncated } : {}),
        },
      },
    ],
  };
}

export function renderSarif(result: ScanResult): string {
  return `${JSON.stringify(toSarif(result), null, 2)}\n`;
}
