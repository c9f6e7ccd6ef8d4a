/**
 * Whether S3 itself takes a bucket policy to be public, which is what RestrictPublicBuckets acts on (S3 User Guide,
 * "Blocking public access to your Amazon S3 storage", The meaning of "public"; PublicAccessBlockConfiguration in
 * the S3 API Reference). S3 takes a policy to be non-public when it grants only to fixed principals or under a
 * fixed value of one of a list of keys, and that list includes keys trustscan does not count as confining (the
 * KMS key of server-side encryption, for one). RestrictPublicBuckets is applied only when S3 certainly sees the
 * policy as public: a statement open to everyone with no fixed value of any key S3 may count.
 */
import type { ConditionClause, Statement } from "../model/policy.js";
import { isTooWideToConfine, parseCidr } from "./cidr.js";
import { parseOperator } from "./operators.js";
import { hasWildcard } from "./wildcard.js";

/** Every key either version of the S3 documentation names as making a policy non-public with a fixed value. */
const KEYS_S3_MAY_COUNT = new Set([
  "aws:sourceip",
  "aws:sourcearn",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:sourceowner",
  "aws:sourceaccount",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
  "aws:userid",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:principalaccount",
  "aws:principalarn",
  "s3:x-amz-server-side-encryption-aws-kms-key-id",
  "s3:dataaccesspointarn",
  "s3:dataaccesspointaccount",
]);

function isOpenToEveryone(statement: Statement): boolean {
  if (statement.notPrincipals) return true;
  return (statement.principals ?? []).some((p) => p.type === "AWS" && p.value.trim() === "*");
}

/**
 * A grant "to a fixed value" compares the key with values, every one fixed: a positive string, ARN or IP operator
 * (a negated one grants to everything but the value; Null only asks whether the key is there), no wildcard or
 * policy variable, and IP ranges no wider than /8 (IPv6 /32). One unfixed value lets anyone through the clause, as
 * values are OR-ed.
 */
function isFixedValueClause(clause: ConditionClause): boolean {
  const op = parseOperator(clause.operatorLower);
  if (op.negated || !(op.kind === "string" || op.kind === "arn" || op.kind === "ip")) return false;
  if (clause.values.length === 0) return false;
  return clause.values.every((value) => {
    // Under StringEquals a `*` is an ordinary character: the value is still fixed.
    if ((op.wildcards && hasWildcard(value)) || value.includes("${")) return false;
    if (clause.keyLower !== "aws:sourceip") return true;
    const range = parseCidr(value);
    return range !== undefined && !isTooWideToConfine(range);
  });
}

function hasFixedValueS3MayCount(statement: Statement): boolean {
  return statement.conditions.some(
    (clause) => KEYS_S3_MAY_COUNT.has(clause.keyLower) && isFixedValueClause(clause),
  );
}

export function s3CertainlySeesPublic(statements: readonly Statement[]): boolean {
  return statements.some(
    (statement) =>
      statement.effect === "Allow" && isOpenToEveryone(statement) && !hasFixedValueS3MayCount(statement),
  );
}
