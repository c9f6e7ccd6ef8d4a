import { summarizeReach } from "../src/analysis/reach.js";
import { policyOf } from "../src/model/resource.js";
import type { Rule, FindingDraft } from "./types.js";
import { resourceLabel, verbFor } from "./support/describe.js";
import { cancellation, findingBase } from "./support/findings.js";
import { accessLevelOf, severityFor } from "./support/severity.js";
import { functionUrlVia, publicAudience, reachesAnonymous } from "./support/public-wording.js";
import { publicShareMessage } from "./support/share-messages.js";

export const publicAccess: Rule = {
  meta: {
    id: "public-access",
    name: "PublicAccess",
    shortDescription:
      "A resource policy or ACL lets anyone, including anonymous callers, reach the resource.",
    fullDescription:
      'Reports a role trust policy, S3 bucket policy or bucket ACL that grants access to every AWS principal or to anonymous callers: Principal "*" with no condition that confines the caller to fixed accounts, organizations or networks, Allow with NotPrincipal, or an ACL grant to AllUsers or AuthenticatedUsers.',
    docs: {
      whatItDoes:
        'Finds grants that reach **anyone**: `"Principal": "*"` (or `{"AWS": "*"}`) not confined by a condition on who the caller is (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceAccount`, …) with fixed values; confining keys that use a wildcard in the account or organization, `…IfExists`, `ForAllValues:` or a negated operator; `Allow` with `NotPrincipal`; and S3 ACL grants to the `AllUsers` or `AuthenticatedUsers` groups. Deny statements, S3 Block Public Access and resource control policies are applied: a grant they cancel is still reported, as suppressed, naming the control.',
      whyItMatters:
        "Anyone on the internet (or any of the millions of AWS accounts) can assume the role or read and write the bucket. Conditions such as `aws:SecureTransport` or `aws:UserAgent` do not help: the caller chooses them.",
      howToFix:
        "Name the principals that need access, or add a condition that confines the caller with fixed values, such as `StringEquals aws:PrincipalOrgID` for your organization. For buckets, turn on S3 Block Public Access (`RestrictPublicBuckets`, `IgnorePublicAcls`) on the account.",
      example: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": "*",
    "Action": "sts:AssumeRole"
  }]
}`,
    },
    defaultSeverity: "critical",
    tags: ["security", "external/cwe/cwe-284", "external/cwe/cwe-732"],
    precision: "high",
  },
  checkUnanalysed(resource, budgetLimit) {
    const policy = policyOf(resource);
    const location = policy?.location ?? resource.location;
    return [
      {
        ruleId: "public-access",
        severity: "critical",
        message: `${resourceLabel(resource)} could not be analysed within the analysis budget (${budgetLimit} work units), so trustscan cannot prove that its policy keeps anyone out and reports it as reachable by anyone. Simplify the policy (fewer statements, fewer wildcards) and scan again.`,
        resource: {
          arn: resource.arn,
          type: resource.type,
          accountId: resource.accountId,
          name: resource.name,
        },
        principal: { written: "(policy not analysed)", judged: "anyone" },
        actions: [],
        conditions: [],
        isPublic: true,
        source: { kind: "statement", index: 0, location, identity: "analysis-budget-exceeded" },
        cancelledBy: [],
      },
    ];
  },
  check(analysis) {
    const findings: FindingDraft[] = [];
    for (const grant of analysis.grants) {
      const after = summarizeReach(grant.access.after);
      const before = summarizeReach(grant.access.before);
      const active = after.public;
      // Narrowed by a control to named parties: that is external access, reported by external-access.
      if (!active && !(before.public && !after.principalAccess)) continue;
      const reach = active ? after : before;
      const { resource } = analysis;
      const level = accessLevelOf(resource, reach.actions);
      const anonymous = reachesAnonymous(grant, active);
      const via =
        grant.source.kind === "acl-grant"
          ? `its ACL grants ${grant.actionsWritten.join(", ")} to ${grant.principalWritten.replace(/^ACL grantee .*\/groups\/global\//, "the group ")}`
          : (functionUrlVia(resource, grant, anonymous) ??
            `${grant.principalWritten.startsWith("NotPrincipal") ? `Allow with ${grant.principalWritten}` : `Principal ${grant.principalWritten}`} and no condition confines the caller to fixed accounts, organizations or networks`);
      findings.push({
        ...findingBase(analysis, grant),
        ruleId: "public-access",
        severity: severityFor("public", level),
        message:
          publicShareMessage(resource, grant) ??
          `${resourceLabel(resource)} ${verbFor(resource)} ${publicAudience(resource, anonymous)}: ${via}.`,
        principal: { written: grant.principalWritten, judged: "anyone" },
        actions: reach.actions,
        isPublic: true,
        cancelledBy: cancellation(active, grant.access.cancelledBy),
      });
    }
    return findings;
  },
};
