/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run; every rule with CWE tags and a numeric
 * `security-severity`; results with a line-independent partial fingerprint so alerts follow the
 * code across pushes; data-flow traces as code flows and related locations.
 */
import type * as Sarif from 'sarif';
import { severityRank, type Finding, type Location, type Severity, type Confidence } from '../core/finding.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ReviewResult, RuleDescriptor } from '../core/review-result.js';
import { markedLines } from './evidence.js';
import { escapeMarkdown } from './escape.js';
import type { Reporter } from './types.js';
import { cweLabel, cweUrl } from './wording.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/secreview';
/** The partialFingerprints key; `v1` changes only if the fingerprint recipe does. */
export const FINGERPRINT_KEY = 'secreviewFingerprint/v1';
const SRCROOT = '%SRCROOT%';

/** GitHub buckets security-severity as critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low < 4.0. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

const PRECISION: Record<Confidence, string> = { high: 'high', medium: 'medium', low: 'low' };

export const sarif: Reporter = (result) => JSON.stringify(sarifLog(result), null, 2) + '\n';

export function sarifLog(result: ReviewResult): Sarif.Log {
  const rules = ruleDescriptors(result);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: INFORMATION_URI,
            rules: rules.map(reportingDescriptor),
          },
        },
        invocations: [invocation(result.diagnostics)],
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((f) => sarifResult(f, index.get(f.ruleId)!)),
      },
    ],
  };
}

/**
 * Every rule of the run, then rules only findings name (an LLM's own ids), sorted by id; the
 * latter take their metadata from their first finding and their level from their most severe.
 */
function ruleDescriptors(result: ReviewResult): RuleDescriptor[] {
  const known = new Set(result.rules.map((r) => r.id));
  const extra = [...new Set(result.findings.map((f) => f.ruleId).filter((id) => !known.has(id)))].sort();
  return [
    ...result.rules,
    ...extra.map((id) => {
      const findings = result.findings.filter((f) => f.ruleId === id);
      const first = findings[0];
      const worst = findings.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
      return {
        id,
        title: first.title,
        cwe: first.cwe,
        pillar: first.pillar,
        defectType: first.defectType,
        severity: worst.severity,
        confidence: first.confidence,
        languages: [],
        description: `${first.title} (${cweLabel(first.cwe)}), reported by ${first.engines.join(', ')}.`,
        solution: first.solution,
      };
    }),
  ];
}

function reportingDescriptor(rule: RuleDescriptor): Sarif.ReportingDescriptor {
  const tags = [...new Set(['security', `external/cwe/cwe-${rule.cwe.id}`, `pillar/cwe-${rule.pillar.id}`, `defect/${rule.defectType}`])];
  return {
    id: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}\n\nSolution: ${rule.solution}\n\n${cweLabel(rule.cwe)} (pillar ${cweLabel(rule.pillar)})`,
      markdown:
        `${escapeMarkdown(rule.description)}\n\n**Solution:** ${escapeMarkdown(rule.solution)}\n\n` +
        `[${escapeMarkdown(cweLabel(rule.cwe))}](${cweUrl(rule.cwe.id)}), ` +
        `pillar [${escapeMarkdown(cweLabel(rule.pillar))}](${cweUrl(rule.pillar.id)})`,
    },
    helpUri: cweUrl(rule.cwe.id),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags,
      precision: PRECISION[rule.confidence],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      cwe: `CWE-${rule.cwe.id}`,
      pillar: `CWE-${rule.pillar.id}`,
      defectType: rule.defectType,
    },
  };
}

function sarifResult(finding: Finding, ruleIndex: number): Sarif.Result {
  const out: Sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.description },
    locations: [{ physicalLocation: findingLocation(finding) }],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
  };
  const trace = finding.trace ?? [];
  if (trace.length > 0) {
    out.codeFlows = [
      {
        message: { text: `Data flow from ${trace[0].label} to ${trace[trace.length - 1].label}` },
        threadFlows: [
          {
            locations: trace.map((step, i) => ({
              location: { physicalLocation: physicalLocation(step.location), message: { text: step.label } },
              executionOrder: i + 1,
            })),
          },
        ],
      },
    ];
    out.relatedLocations = trace.map((step, i) => ({
      id: i + 1,
      physicalLocation: physicalLocation(step.location),
      message: { text: step.label },
    }));
  }
  out.properties = {
    severity: finding.severity,
    confidence: finding.confidence,
    cwe: `CWE-${finding.cwe.id}`,
    pillar: `CWE-${finding.pillar.id}`,
    defectType: finding.defectType,
    engines: [...finding.engines],
    ...(finding.verification ? { verification: finding.verification } : {}),
    solution: finding.solution,
  };
  return out;
}

/** The finding's exact span with its text, inside the whole lines it sits on. */
function findingLocation(finding: Finding): Sarif.PhysicalLocation {
  const location = physicalLocation(finding.location);
  const marked = markedLines(finding);
  if (!marked) {
    location.region!.snippet = { text: finding.evidence };
    return location;
  }
  location.region!.snippet = { text: marked.map((l) => l.marked).join('\n') };
  location.contextRegion = {
    startLine: finding.location.startLine,
    endLine: finding.location.endLine,
    snippet: { text: finding.evidence },
  };
  return location;
}

function physicalLocation(location: Location): Sarif.PhysicalLocation {
  const region: Sarif.Region = { startLine: location.startLine, endLine: location.endLine };
  if (location.startColumn !== undefined) region.startColumn = location.startColumn;
  if (location.endColumn !== undefined) region.endColumn = location.endColumn;
  return { artifactLocation: artifactLocation(location.file), region };
}

/** Relative to the checkout root, as code scanning resolves it; absolute paths stay file URIs. */
function artifactLocation(path: string): Sarif.ArtifactLocation {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return path.startsWith('/') ? { uri: `file://${encoded}` } : { uri: encoded, uriBaseId: SRCROOT };
}

function invocation(diagnostics: readonly Diagnostic[]): Sarif.Invocation {
  const out: Sarif.Invocation = { executionSuccessful: !diagnostics.some((d) => d.error) };
  if (diagnostics.length === 0) return out;
  out.toolExecutionNotifications = diagnostics.map((d) => {
    const notification: Sarif.Notification = {
      level: d.error ? 'error' : 'warning',
      message: { text: d.message },
      descriptor: { id: d.kind },
    };
    if (d.file) {
      notification.locations = [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(d.file),
            ...(d.line ? { region: { startLine: d.line } } : {}),
          },
        },
      ];
    }
    return notification;
  });
  return out;
}
