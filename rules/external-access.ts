import { summarizeReach, type Reach } from "../src/analysis/reach.js";
import type { AnalyzedGrant, ResourceAnalysis } from "../src/analysis/resource-analysis.js";
import type { Rule, FindingDraft } from "./types.js";
import { accountsOf, describeParties, outsideZoneText, resourceLabel, verbFor } from "./support/describe.js";
import { cancellation, findingBase, statementIsPublic } from "./support/findings.js";
import { accessLevelOf, severityFor } from "./support/severity.js";
import { shareEntryText } from "./support/share-messages.js";

export const externalAccess: Rule = {
  meta: {
    id: "external-access",
    name: "ExternalAccess",
    shortDescription: "A resource policy or ACL grants access to principals outside the zone of trust.",
    fullDescription:
      "Reports a role trust policy, S3 bucket policy or ACL grant that reaches AWS principals outside the zone of trust (the account, or the organization): named accounts and principals, other organizations, callers confined only to a network, and AWS services acting for an account outside the zone.",
    docs: {
      whatItDoes:
        "Works out who can use each grant once conditions, Deny statements, S3 Block Public Access and resource control policies are applied, and reports every party outside the zone of trust (`--zone account|organization`, `--trusted-account`): accounts named in `Principal` or pinned by `aws:PrincipalAccount`/`aws:PrincipalArn`, organizations pinned by `aws:PrincipalOrgID`/`aws:PrincipalOrgPaths`, unresolved principal ids (`AROA…`), S3 canonical users, callers confined only by `aws:SourceIp`/`aws:SourceVpc`/`aws:SourceVpce` (external, not public), and service principals whose `aws:SourceAccount`/`aws:SourceArn`/`aws:SourceOrgID` is an outside account or organization.",
      whyItMatters:
        "Every outside party that can assume a role or use a bucket is part of your attack surface: a compromise of their account becomes a compromise of yours. Cross-account access should be deliberate, known and reviewed.",
      howToFix:
        "If the access is intended, record it (add the account with `--trusted-account`). Otherwise remove the principal, or confine it with `aws:PrincipalOrgID` to your organization. Resource control policies can enforce the perimeter for a whole organization.",
      example: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::999988887777:root" },
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::acme-reports/*"
  }]
}`,
    },
    defaultSeverity: "high",
    tags: ["security", "external/cwe/cwe-284", "external/cwe/cwe-668"],
    precision: "high",
  },
  check(analysis) {
    const findings: FindingDraft[] = [];
    for (const grant of analysis.grants) {
      if (statementIsPublic(analysis, grant)) continue;
      const principal = principalFindings(analysis, grant);
      const service = principal.length > 0 ? undefined : serviceSourceFinding(analysis, grant);
      findings.push(...principal, ...(service ? [service] : []));
    }
    return findings;
  },
};

/**
 * AWS principals or anonymous callers outside the zone, but not everyone (that is public-access). Parties that
 * come in from anywhere and parties that come in only through named networks are separate findings, so that
 * neither hides the other.
 */
function principalFindings(analysis: ResourceAnalysis, grant: AnalyzedGrant): FindingDraft[] {
  const after = summarizeReach(grant.access.after);
  const before = summarizeReach(grant.access.before);
  const active = after.principalAccess && !after.public;
  if (!active && !(before.principalAccess && !before.public && !after.principalAccess)) return [];
  const reach = active ? after : before;
  const { resource, zone } = analysis;
  const outside = outsideZoneText(zone, resource.accountId);
  const network = reach.networkOnly ? ` through ${reach.networks.join(" or ")} only` : "";
  const who = describeParties(reach.parties);
  const findings = [
    draft(analysis, grant, reach, active, {
      severityReach: reach.networkOnly ? "network" : "external",
      judged: `${who}${network}`,
      message: `${resourceLabel(resource)} ${verbFor(resource)} ${who} (${outside})${network}${shareEntryText(grant)}.`,
    }),
  ];
  if (reach.networkParties.length > 0) {
    const also = describeParties(reach.networkParties);
    const through = ` through ${reach.networkPartyNetworks.join(" or ")} only`;
    findings.push(
      draft(analysis, grant, reach, active, {
        severityReach: "network",
        judged: `${also}${through}`,
        message: `${resourceLabel(resource)} ${verbFor(resource)} ${also} (${outside})${through}${shareEntryText(grant)}.`,
        parties: reach.networkParties,
      }),
    );
  }
  return findings;
}

/** [beyond] A service principal whose source is pinned to an account or organization outside the zone. */
function serviceSourceFinding(analysis: ResourceAnalysis, grant: AnalyzedGrant): FindingDraft | undefined {
  const after = summarizeReach(grant.access.after);
  const before = summarizeReach(grant.access.before);
  const pinnedOutside = (r: Reach) => !r.serviceUnconfined && r.serviceSources.length > 0;
  const active = pinnedOutside(after);
  if (!active && !(pinnedOutside(before) && after.services.length === 0)) return undefined;
  const reach = active ? after : before;
  const { resource, zone } = analysis;
  const services = reach.services.join(", ");
  const who = describeParties(reach.serviceSources);
  return draft(analysis, grant, reach, active, {
    severityReach: "external",
    judged: `service ${services} acting for ${who}`,
    message: `${resourceLabel(resource)} ${verbFor(resource)} ${services} acting for ${who} (${outsideZoneText(zone, resource.accountId)}).`,
    parties: reach.serviceSources,
  });
}

function draft(
  analysis: ResourceAnalysis,
  grant: AnalyzedGrant,
  reach: Reach,
  active: boolean,
  text: {
    severityReach: "external" | "network";
    judged: string;
    message: string;
    parties?: Reach["parties"];
  },
): FindingDraft {
  const accounts = accountsOf(text.parties ?? reach.parties);
  return {
    ...findingBase(analysis, grant),
    ruleId: "external-access",
    severity: severityFor(text.severityReach, accessLevelOf(analysis.resource, reach.actions)),
    message: text.message,
    principal: {
      written: grant.principalWritten,
      judged: text.judged,
      ...(accounts.length ? { accounts } : {}),
    },
    actions: reach.actions,
    isPublic: false,
    cancelledBy: cancellation(active, grant.access.cancelledBy),
  };
}
