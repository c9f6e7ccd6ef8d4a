import type { Notification } from "sarif";
import type { ScanResult } from "../findings/scan-result.js";
import type { CollectionError, ReadProblem } from "../model/snapshot.js";
import { describeExpiredRule, describeUnusedRule, expiredRules, unusedRules } from "./lifecycle-notes.js";
import { describeCollectionError, describeReadProblem } from "./problems.js";
import { repoRelativeUriIfInside } from "./sarif-paths.js";

/**
 * An unreadable part of the snapshot: level error, located at the file. A policy outside IAM's grammar was read
 * and judged conservatively, and so was a resource whose analysis outgrew its budget: level warning. A file outside the repository root keeps only its name in the
 * message (a notification's location is optional, unlike a result's).
 */
export function readProblemNotification(problem: ReadProblem, repoRoot: string, cwd: string): Notification {
  const uri = repoRelativeUriIfInside(problem.file, repoRoot, cwd);
  return {
    level: problem.kind ? "warning" : "error",
    message: { text: describeReadProblem(problem) },
    descriptor: { id: problem.kind ?? "read-problem" },
    ...(uri !== undefined ? { locations: [{ physicalLocation: { artifactLocation: { uri } } }] } : {}),
    properties: { jsonPath: problem.jsonPath },
  };
}

/** A call the collector could not make: a warning, since the findings may be incomplete. */
export function collectionErrorNotification(error: CollectionError): Notification {
  return {
    level: "warning",
    message: { text: describeCollectionError(error) },
    descriptor: { id: "collection-error" },
    properties: {
      service: error.service,
      operation: error.operation,
      code: error.code,
      ...(error.accountId !== undefined ? { accountId: error.accountId } : {}),
      ...(error.region !== undefined ? { region: error.region } : {}),
      ...(error.resource !== undefined ? { resource: error.resource } : {}),
    },
  };
}

/** Archive rules to review: expired ones (they archive nothing any more) and ones that matched nothing. */
export function archiveRuleNotifications(result: Pick<ScanResult, "archive">): Notification[] {
  return [
    ...expiredRules(result).map((rule): Notification => ({
      level: "warning",
      message: { text: describeExpiredRule(rule) },
      descriptor: { id: "archive-rule-expired" },
      properties: { archiveRule: rule.name, expires: rule.expires },
    })),
    ...unusedRules(result).map((rule): Notification => ({
      level: "note",
      message: { text: describeUnusedRule(rule) },
      descriptor: { id: "archive-rule-unused" },
      properties: { archiveRule: rule.name },
    })),
  ];
}
