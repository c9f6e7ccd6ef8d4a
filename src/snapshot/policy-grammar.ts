import type { SourceLocation } from "../model/location.js";
import type { Effect } from "../model/policy.js";
import type { ReadProblem } from "../model/snapshot.js";
import { describeValue, type JsonNode, type JsonObject } from "./json-node.js";
import { childPath } from "./json-path.js";

/**
 * Which grammar a policy follows: a role trust policy, a bucket policy and the resource-based policy of any other
 * resource (a KMS key policy, a queue policy, …) must name a Principal, a trust policy has no Resource, an ECR
 * repository policy may leave its Resource out (it is the repository: Amazon ECR User Guide, "Private repository
 * policy examples"), an Organizations control policy (SCP, RCP) needs no Principal.
 */
export type PolicyKind =
  "trust-policy" | "bucket-policy" | "resource-policy" | "repository-policy" | "control-policy";

/** How a policy is read: its kind, and where the problems of a policy outside IAM's grammar go. */
export interface PolicyReading {
  kind: PolicyKind;
  problems: ReadProblem[];
}

/** Titles of the AWS pages behind each grammar rule; docs/policy-grammar.md gives their addresses. */
export const AWS_PAGE = {
  grammar: "Grammar of the IAM JSON policy language",
  elements: "IAM JSON policy elements reference",
  version: "IAM JSON policy elements: Version",
  id: "IAM JSON policy elements: Id",
  sid: "IAM JSON policy elements: Sid",
  effect: "IAM JSON policy elements: Effect",
  principal: "AWS JSON policy elements: Principal",
  action: "IAM JSON policy elements: Action",
  resource: "IAM JSON policy elements: Resource",
  condition: "IAM JSON policy elements: Condition",
  operators: "IAM JSON policy elements: Condition operators",
} as const;

export const DENY_SKIPPED = "Deny statement skipped, so it cancels nothing";

/** Where a grammar problem is: a value, a key, or the object that lacks a key. */
export interface Place {
  file: string;
  jsonPath: string;
  location: SourceLocation;
}

export function placeOf(node: JsonNode): Place {
  return { file: node.file, jsonPath: node.path, location: node.location };
}

export function placeOfKey(object: JsonObject, key: string): Place {
  return {
    file: object.node.file,
    jsonPath: childPath(object.path, key),
    location: object.locationOfKey(key),
  };
}

/** A key that should be there: the path it would have, at the position of the object. */
export function placeOfMissing(object: JsonObject, key: string): Place {
  return { file: object.node.file, jsonPath: childPath(object.path, key), location: object.location };
}

export function foundKey(key: string): string {
  return `the key ${JSON.stringify(key)}`;
}

export function foundNoKey(key: string): string {
  return `no ${JSON.stringify(key)} key`;
}

/** `<judgement>: line L, column C: expected <what AWS expects (page)>, found <what is there>`. */
export function grammarProblem(
  place: Place,
  expected: string,
  found: string,
  judgement: string,
): ReadProblem {
  const { startLine, startColumn } = place.location;
  return {
    kind: "policy-grammar",
    file: place.file,
    jsonPath: place.jsonPath,
    message: `${judgement}: line ${startLine}, column ${startColumn}: expected ${expected}, found ${found}`,
  };
}

interface StatementIssue {
  place: Place;
  expected: string;
  found: string;
  /** The judgement in an Allow: an Allow is always judged, never left out. */
  inAllow: string;
  /** The judgement in a Deny; undefined: the Deny is left out (it cancels nothing). */
  inDeny: string | undefined;
}

/**
 * The grammar problems of one statement. Which judgement applies depends on the effect, and a Deny with any
 * problem it cannot be judged through is left out whole: every problem of it then says so.
 */
export class StatementIssues {
  private readonly issues: StatementIssue[] = [];
  private denySkipped = false;

  constructor(readonly effect: Effect) {}

  add(place: Place, expected: string, found: string, inAllow: string, inDeny?: string): void {
    this.issues.push({ place, expected, found, inAllow, inDeny });
  }

  addAt(node: JsonNode, expected: string, inAllow: string, inDeny?: string): void {
    this.add(placeOf(node), expected, describeValue(node), inAllow, inDeny);
  }

  /** A Deny whose effect itself is unsure (`"deny"`) is left out whatever else it says. */
  skipDeny(): void {
    this.denySkipped = true;
  }

  /** True when the statement is a Deny that is left out. */
  get skipped(): boolean {
    return (
      this.effect === "Deny" && (this.denySkipped || this.issues.some((issue) => issue.inDeny === undefined))
    );
  }

  problems(): ReadProblem[] {
    const skipped = this.skipped;
    return this.issues.map((issue) => {
      const judgement = this.effect === "Allow" ? issue.inAllow : skipped ? DENY_SKIPPED : issue.inDeny;
      return grammarProblem(issue.place, issue.expected, issue.found, judgement ?? DENY_SKIPPED);
    });
  }
}
