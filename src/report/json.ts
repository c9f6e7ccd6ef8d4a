import { isActive } from "../findings/finding.js";
import type { Finding } from "../findings/finding.js";
import type { ScanResult } from "../findings/scan-result.js";
import type { SourceLocation } from "../model/location.js";
import { sortFindings } from "./order.js";
import { sortCollectionErrors, sortReadProblems } from "./problems.js";
import { redactSecrets } from "./redact.js";
import { summarize } from "./summary.js";
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
  const summary = summarize(result);
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: {
      name: result.tool.name,
      version: result.tool.version,
      informationUri: result.tool.informationUri,
    },
    zone: {
      kind: result.zone.kind,
      organizationId: result.zone.organizationId ?? null,
      trustedAccounts: [...result.zone.trustedAccounts],
    },
    sources: [...result.sources],
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
    findings: sortFindings(result.findings).map(findingJson),
    problems: {
      readProblems: sortReadProblems(result.readProblems).map((problem) => ({
        kind: problem.kind ?? "unreadable",
        file: problem.file,
        jsonPath: problem.jsonPath,
        message: redactSecrets(problem.message),
      })),
      collectionErrors: sortCollectionErrors(result.collectionErrors).map((error) => ({
        accountId: error.accountId ?? null,
        service: error.service,
        operation: error.operation,
        resource: error.resource ?? null,
        code: redactSecrets(error.code),
        message: error.message === undefined ? null : redactSecrets(error.message),
      })),
    },
    archiveRules: result.archive
      ? result.archive.rules.map((rule) => ({
          name: rule.name,
          reason: rule.reason,
          expires: rule.expires ?? null,
          expired: rule.expired,
          matched: rule.matched,
        }))
      : null,
    baseline: result.baseline
      ? {
          sources: [...result.baseline.sources],
          found: result.baseline.found,
          absent: result.baseline.absent.map((gone) => ({ ...gone })),
        }
      : null,
  };
}

export type JsonReport = ReturnType<typeof toJsonReport>;

/** 2-space indent, trailing newline, keys in the documented order: the same result gives the same bytes. */
export function renderJson(result: ScanResult): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}
