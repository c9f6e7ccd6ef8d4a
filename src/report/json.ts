import { isActive } from "../findings/finding.js";
import type { Finding } from "../findings/finding.js";
import { overviewOf, type ScanOverview, type ScanResult } from "../findings/scan-result.js";
import type { SourceLocation } from "../model/location.js";
import { sortFindings } from "./order.js";
import { sortCollectionErrors, sortReadProblems } from "./problems.js";
import { redactSecrets } from "./redact.js";
import { indent, PLACEHOLDER, splitAt } from "./json-text.js";
import { renderPieces, type ReportPiece } from "./pieces.js";
import { summarizeOverview } from "./summary.js";
import { vendorsOf } from "./vendor-labels.js";

// The JSON report's schema is documented in docs/json-report.md; bump JSON_REPORT_SCHEMA_VERSION on any
// change that is not a pure addition. Optional fields are always present (null when absent) so that
// consumers see one shape.

export const JSON_REPORT_SCHEMA_VERSION = 1;

function locationJson(location: SourceLocation) {
  return {
    file: location.file,
    startLine: location.startLine,
    startColumn: location.startColumn,
    endLine: location.endLine,
    endColumn: location.endColumn,
  };
}

function findingJson(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    active: isActive(finding),
    message: finding.message,
    resource: {
      arn: finding.resource.arn,
      type: finding.resource.type,
      accountId: finding.resource.accountId,
      name: finding.resource.name,
    },
    principal: {
      written: finding.principal.written,
      judged: finding.principal.judged,
      accounts: finding.principal.accounts ? [...finding.principal.accounts] : null,
      vendors: vendorsOf(finding).map((vendor) => ({ accountId: vendor.accountId, name: vendor.label })),
    },
    actions: [...finding.actions],
    conditions: [...finding.conditions],
    isPublic: finding.isPublic,
    source: {
      kind: finding.source.kind,
      index: finding.source.index,
      sid: finding.source.sid ?? null,
      identity: finding.source.identity,
      location: locationJson(finding.source.location),
    },
    cancelledBy: finding.cancelledBy.map((control) => ({
      kind: control.kind,
      name: control.name,
      justification: control.justification,
    })),
    fingerprint: finding.fingerprint,
    archived: finding.archived
      ? {
          rule: finding.archived.rule,
          reason: finding.archived.reason,
          expires: finding.archived.expires ?? null,
        }
      : null,
    baseline: finding.baseline
      ? {
          state: finding.baseline.state,
          changes: [...finding.baseline.changes],
          worse: finding.baseline.worse,
        }
      : null,
  };
}

export function toJsonReport(result: ScanResult) {
  return jsonReportOf(overviewOf(result), sortFindings(result.findings).map(findingJson));
}

function jsonReportOf<F>(overview: ScanOverview, findings: F) {
  const summary = summarizeOverview(overview);
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: {
      name: overview.tool.name,
      version: overview.tool.version,
      informationUri: overview.tool.informationUri,
    },
    zone: {
      kind: overview.zone.kind,
      organizationId: overview.zone.organizationId ?? null,
      trustedAccounts: [...overview.zone.trustedAccounts],
    },
    sources: [...overview.sources],
    summary: {
      findings: summary.active,
      archived: summary.archived,
      cancelled: summary.cancelled,
      total: summary.total,
      bySeverity: { ...summary.bySeverity },
      byRule: Object.fromEntries(summary.byRule.map(({ ruleId, count }) => [ruleId, count])),
      accountsScanned: summary.accountsScanned,
      resourcesScanned: summary.resourcesScanned,
      readProblems: summary.readProblems,
      collectionErrors: summary.collectionErrors,
      baseline: summary.baseline ? { ...summary.baseline } : null,
    },
    findings,
    problems: {
      readProblems: sortReadProblems(overview.readProblems).map((problem) => ({
        kind: problem.kind ?? "unreadable",
        file: problem.file,
        jsonPath: problem.jsonPath,
        message: redactSecrets(problem.message),
      })),
      collectionErrors: sortCollectionErrors(overview.collectionErrors).map((error) => ({
        accountId: error.accountId ?? null,
        region: error.region ?? null,
        service: error.service,
        operation: error.operation,
        resource: error.resource ?? null,
        code: redactSecrets(error.code),
        message: error.message === undefined ? null : redactSecrets(error.message),
      })),
    },
    archiveRules: overview.archive
      ? overview.archive.rules.map((rule) => ({
          name: rule.name,
          reason: rule.reason,
          expires: rule.expires ?? null,
          expired: rule.expired,
          matched: rule.matched,
        }))
      : null,
    baseline: overview.baseline
      ? {
          sources: [...overview.baseline.sources],
          found: overview.baseline.found,
          absent: overview.baseline.absent.map((gone) => ({ ...gone })),
        }
      : null,
  };
}

export type JsonReport = ReturnType<typeof toJsonReport>;

/** 2-space indent, trailing newline, keys in the documented order: the same result gives the same bytes. */
export function renderJson(result: ScanResult): string {
  return renderPieces(jsonReportPieces(overviewOf(result)), sortFindings(result.findings));
}

/** The JSON report with its findings array written account by account, as JSON.stringify would write it whole. */
export function jsonReportPieces(overview: ScanOverview): ReportPiece[] {
  const [before, after] = splitAt(
    JSON.stringify(jsonReportOf(overview, PLACEHOLDER), null, 2),
    `\n  "findings": ${JSON.stringify(PLACEHOLDER)}`,
  );
  const opening = `${before}\n  "findings": `;
  if (overview.counts.total === 0) return [`${opening}[]${after}\n`];
  let separator = "[\n";
  return [
    opening,
    {
      eachAccount: (findings) => {
        let text = "";
        for (const finding of findings) {
          text += separator + indent(JSON.stringify(findingJson(finding), null, 2), "    ");
          separator = ",\n";
        }
        return text;
      },
    },
    `\n  ]${after}\n`,
  ];
}
