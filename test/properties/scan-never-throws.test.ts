/**
 * A scan never throws (issue 7, section 2), whatever text a policy holds: generated policies whose every element may
 * be arbitrary Unicode, wildcards, policy variables, unknown operators and keys, or odd ARNs. A document the reader
 * rejects is a reported input error with its own tests; every document it accepts must scan.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { InputError } from "../../src/snapshot/input-error.js";
import { scanPolicy, type PolicyCase } from "../helpers/scan-policy.js";
import { scenarioArbitrary, policyCaseOf } from "./arbitraries.js";
import { assertProperty, propertyTimeout } from "./config.js";
import { BUCKET_ARN, NAMED_ACCOUNTS, ORG_ID } from "./world.js";

const RUNS = 500;

const oddText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.constantFrom(
    "*",
    "?",
    "",
    " ",
    "${aws:username}",
    "${",
    "${*}",
    "arn:aws:iam::*",
    "arn:::::",
    "arn:aws:iam::123:root",
    `arn:aws:s3:::${"*?".repeat(4)}`,
    `${BUCKET_ARN}/*`,
    "o-",
    `${ORG_ID}/`,
    "/",
    "0.0.0.0/0",
    "::/0",
    "999.1.1.1/33",
    "AROAXXXXXXXXXXXXXXXX:*",
    ...NAMED_ACCOUNTS,
  ),
);
const oneOrList = (arb: fc.Arbitrary<string>) => fc.oneof(arb, fc.array(arb, { maxLength: 3 }));
const operator = fc.oneof(
  fc.constantFrom(
    "StringEquals",
    "StringLike",
    "ForAnyValue:StringNotLikeIfExists",
    "ForAllValues:ArnLike",
    "ArnEquals",
    "IpAddress",
    "NotIpAddress",
    "Bool",
    "Null",
    "NumericLessThan",
    "DateGreaterThan",
    "BinaryEquals",
    "StringEqualz",
  ),
  oddText,
);
const conditionKey = fc.oneof(
  fc.constantFrom(
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceIp",
    "aws:SourceVpce",
    "aws:userid",
    "aws:PrincipalServiceName",
    "sts:ExternalId",
  ),
  oddText,
);
const hostileStatement = fc.record(
  {
    Sid: fc.string({ maxLength: 6 }),
    Effect: fc.constantFrom("Allow", "Deny"),
    Principal: fc.oneof(
      fc.constant("*"),
      fc.dictionary(fc.constantFrom("AWS", "Service", "CanonicalUser", "Federated"), oneOrList(oddText), {
        maxKeys: 2,
      }),
    ),
    Action: oneOrList(fc.oneof(oddText, fc.constantFrom("s3:GetObject", "sts:AssumeRole", "*", "s3:*"))),
    Resource: oneOrList(oddText),
    Condition: fc.dictionary(operator, fc.dictionary(conditionKey, oneOrList(oddText), { maxKeys: 2 }), {
      maxKeys: 2,
    }),
  },
  { requiredKeys: ["Effect"] },
);

describe("a scan never throws", () => {
  it(
    "on any document the reader accepts, including hostile text in every element",
    () => {
      assertProperty(
        fc.property(
          scenarioArbitrary(),
          fc.array(hostileStatement, { minLength: 1, maxLength: 3 }),
          (scenario, statements) => {
            const policyCase: PolicyCase = policyCaseOf(scenario, {
              Version: "2012-10-17",
              Statement: statements,
            });
            try {
              scanPolicy(policyCase);
            } catch (error) {
              // The reader's own, reported rejection of a malformed document (tested with the readers).
              if (!(error instanceof InputError)) throw error;
            }
          },
        ),
        RUNS,
      );
    },
    propertyTimeout(RUNS),
  );
});
