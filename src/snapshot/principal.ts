import { parseFederatedPrincipal } from "../model/federated-principal.js";
import type { PrincipalEntry } from "../model/policy.js";
import { describeValue, type JsonNode } from "./json-node.js";
import {
  AWS_PAGE,
  foundKey,
  placeOf,
  placeOfKey,
  type Place,
  type StatementIssues,
} from "./policy-grammar.js";

const PRINCIPAL_TYPES = ["AWS", "Service", "Federated", "CanonicalUser"] as const;
type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

export const EVERY_PRINCIPAL: PrincipalEntry = { type: "AWS", value: "*" };
const EVERY_PRINCIPAL_TEXT = 'judged as Principal "*"';

const EXPECTED_PRINCIPAL = `"*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"} (${AWS_PAGE.principal})`;
const EXPECTED_TYPE = `a principal type: AWS, Service, Federated or CanonicalUser (${AWS_PAGE.principal})`;
const EXPECTED_AWS_VALUE =
  `"*" alone, an account id or a principal ARN without wildcards: IAM does not let a wildcard match part of ` +
  `a principal name or ARN (${AWS_PAGE.principal})`;
const EXPECTED_FEDERATED =
  "an identity provider: an IAM OIDC or SAML provider ARN, or cognito-identity.amazonaws.com, " +
  `accounts.google.com, graph.facebook.com or www.amazon.com (${AWS_PAGE.principal})`;

export type PrincipalElement = "Principal" | "NotPrincipal";

/** How an entry outside the grammar is read in an Allow's Principal, and what the message says about it. */
interface AllowReading {
  entry: PrincipalEntry;
  text: string;
}

/**
 * A Principal or NotPrincipal element: `"*"` (≡ `{"AWS": "*"}`) or an object of type → string or array. An entry
 * outside the grammar is judged toward reporting access (docs/policy-grammar.md): in an Allow's Principal as the
 * widest principal it could stand for, in a Deny's Principal as naming nobody, in an Allow's NotPrincipal as
 * excluding nobody; a Deny's NotPrincipal with one is left out.
 */
export function readPrincipal(
  node: JsonNode,
  element: PrincipalElement,
  issues: StatementIssues,
): PrincipalEntry[] {
  if (node.kind === "string" && node.string() === "*") return [EVERY_PRINCIPAL];
  if (node.kind !== "object") {
    if (element === "NotPrincipal") {
      issues.addAt(node, EXPECTED_PRINCIPAL, "NotPrincipal judged as excluding nobody");
      return [];
    }
    // An account id or ARN written without {"AWS": …} can only mean that AWS principal; anything else, anyone.
    const text = node.kind === "string" ? node.string() : "";
    if (!/^(?:\d{12}|arn:.+)$/.test(text)) {
      issues.addAt(node, EXPECTED_PRINCIPAL, EVERY_PRINCIPAL_TEXT);
      return [EVERY_PRINCIPAL];
    }
    const entry: PrincipalEntry = { type: "AWS", value: text };
    const reading = entryProblem(entry)?.reading ?? {
      entry,
      text: `read as ${JSON.stringify({ AWS: text })}`,
    };
    issues.addAt(node, EXPECTED_PRINCIPAL, reading.text);
    return [reading.entry];
  }
  const entries: PrincipalEntry[] = [];
  const outsideGrammar = (place: Place, expected: string, found: string, reading: AllowReading) => {
    if (element === "NotPrincipal") {
      issues.add(place, expected, found, "entry ignored: this Allow excludes nobody by it");
      return;
    }
    issues.add(place, expected, found, reading.text, "entry ignored: this Deny applies to nobody by it");
    if (issues.effect === "Allow") entries.push(reading.entry);
  };
  const everyone: AllowReading = { entry: EVERY_PRINCIPAL, text: EVERY_PRINCIPAL_TEXT };

  const principal = node.object();
  for (const [key, valueNode] of principal.entries()) {
    if (!isPrincipalType(key)) {
      outsideGrammar(placeOfKey(principal, key), EXPECTED_TYPE, foundKey(key), everyone);
      continue;
    }
    if (valueNode.kind !== "string" && valueNode.kind !== "array") {
      outsideGrammar(
        placeOf(valueNode),
        "a string or an array of strings",
        describeValue(valueNode),
        everyone,
      );
      continue;
    }
    for (const valueElement of valueNode.kind === "array" ? valueNode.array() : [valueNode]) {
      if (valueElement.kind !== "string") {
        outsideGrammar(placeOf(valueElement), "a string", describeValue(valueElement), everyone);
        continue;
      }
      const entry: PrincipalEntry = { type: key, value: valueElement.string() };
      const problem = entryProblem(entry);
      if (problem)
        outsideGrammar(placeOf(valueElement), problem.expected, describeValue(valueElement), problem.reading);
      else entries.push(entry);
    }
  }
  return entries;
}

/** What is wrong with a value of a known principal type, and how an Allow's Principal reads it. */
function entryProblem(entry: PrincipalEntry): { expected: string; reading: AllowReading } | undefined {
  if (entry.type === "AWS" && entry.value !== "*" && /[*?]/.test(entry.value)) {
    const parts = entry.value.split(":");
    const account = parts[4] ?? "";
    if (parts[0] === "arn" && parts.length >= 6 && /^\d{12}$/.test(account)) {
      return {
        expected: EXPECTED_AWS_VALUE,
        reading: {
          entry: { type: "AWS", value: `arn:${parts[1] ?? "aws"}:iam::${account}:root` },
          text: `judged as every principal of account ${account}`,
        },
      };
    }
    return {
      expected: EXPECTED_AWS_VALUE,
      reading: { entry: EVERY_PRINCIPAL, text: `${EVERY_PRINCIPAL_TEXT} (no account without a wildcard)` },
    };
  }
  // "*" is not a provider either, but the unscoped-federation rule already judges it as any provider.
  if (
    entry.type === "Federated" &&
    entry.value.trim() !== "*" &&
    parseFederatedPrincipal(entry.value).kind === "unrecognised"
  ) {
    return {
      expected: EXPECTED_FEDERATED,
      reading: { entry, text: "judged as a federated principal that nothing scopes" },
    };
  }
  return undefined;
}

function isPrincipalType(key: string): key is PrincipalType {
  return (PRINCIPAL_TYPES as readonly string[]).includes(key);
}
