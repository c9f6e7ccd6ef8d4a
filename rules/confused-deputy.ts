import { ANY_SERVICE } from "../src/analysis/callers.js";
import { summarizeReach } from "../src/analysis/reach.js";
import type { AnalyzedGrant, ResourceAnalysis } from "../src/analysis/resource-analysis.js";
import type { Rule, FindingDraft } from "./types.js";
import { awsCreatedRolePattern } from "./data/aws-created-roles.js";
import { lookupServicePrincipal, type ServicePrincipalFact } from "./data/service-principals.js";
import { resourceLabel } from "./support/describe.js";
import { cancellation, findingBase } from "./support/findings.js";

const SERVICE_LINKED_ROLE_PATH = "/aws-service-role/";

export const confusedDeputy: Rule = {
  meta: {
    id: "confused-deputy",
    name: "ConfusedDeputy",
    shortDescription:
      "An AWS service principal is granted access without aws:SourceArn, aws:SourceAccount or aws:SourceOrgID.",
    fullDescription:
      "Reports a role trust policy or resource policy that grants a service principal access without confining the source on whose behalf the service acts (aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, aws:SourceOrgPaths with fixed values). Any AWS customer can then point that service at your resource: the cross-service confused deputy problem.",
    docs: {
      whatItDoes:
        'For each grant to a service principal (`{"Service": "sns.amazonaws.com"}`, or `"*"` limited to services by `aws:PrincipalIsAWSService`/`aws:PrincipalServiceName`), checks that the service can only act for your own account or organization: a positive, non-`IfExists` condition on `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID` or `aws:SourceOrgPaths` with fixed values (no wildcard in the account part). Exempt: service-linked roles (path `/aws-service-role/`) and services that act only for the role\'s own account and do not send the source keys when they assume a role (a documented, sourced table in `rules/data/`, starting with `ec2.amazonaws.com`). Severity follows that table: medium on a bucket; on a role trust policy low (defence in depth) when AWS documents that the service assumes a role only after a principal of the role\'s own account passed it with `iam:PassRole` (for example Lambda, ECS tasks, Glue, SageMaker, CodeBuild, Step Functions), high otherwise, including services whose answer is not documented. The message names the source keys the service documents, and says when the role\'s name is that of roles an AWS tool creates on your behalf (AWS Systems Manager Quick Setup).',
      whyItMatters:
        "A service acts for many customers. Without a source condition, another AWS customer can configure the service (a topic, a trail, a schedule, a log delivery) to use your role or write to your bucket, and the service will do it with its own credentials.",
      howToFix:
        'Add `"Condition": {"StringEquals": {"aws:SourceAccount": "<your account id>"}}`, or `ArnLike aws:SourceArn` with the ARN of the resource that uses the service (or `aws:SourceOrgID` for your organization).',
      example: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "scheduler.amazonaws.com" },
    "Action": "sts:AssumeRole"
  }]
}`,
    },
    defaultSeverity: "medium",
    tags: ["security", "external/cwe/cwe-441"],
    precision: "high",
  },
  check(analysis) {
    const { resource } = analysis;
    if (resource.type === "AWS::IAM::Role" && resource.path.startsWith(SERVICE_LINKED_ROLE_PATH)) return [];
    const findings: FindingDraft[] = [];
    for (const grant of analysis.grants) {
      const finding = unconfinedServiceFinding(analysis, grant);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

function unconfinedServiceFinding(
  analysis: ResourceAnalysis,
  grant: AnalyzedGrant,
): FindingDraft | undefined {
  const { resource } = analysis;
  const after = summarizeReach(grant.access.after);
  const before = summarizeReach(grant.access.before);
  // A grant that reaches the public (Principal "*" unconfined) is public-access's, which speaks for every caller.
  // A grant that reaches AWS principals and also every AWS service acting for any account (a control that keeps
  // only services in, or a condition such as aws:PrincipalAccount…IfExists that services pass) is reported here
  // for the services: external-access names only the principals.
  if (after.public) return undefined;
  const servicesLeftIn = before.principalAccess && after.serviceUnconfined;
  if (before.principalAccess && !servicesLeftIn) return undefined;
  const active = after.serviceUnconfined;
  if (!active && !(before.serviceUnconfined && after.services.length === 0)) return undefined;
  const reach = active ? after : before;
  const services: TrustedService[] = reach.services.map((name) =>
    name === ANY_SERVICE
      ? { name: "any AWS service", anyService: true, fact: undefined }
      : { name, anyService: false, fact: lookupServicePrincipal(name) },
  );
  const base = {
    ...findingBase(analysis, grant),
    ruleId: "confused-deputy" as const,
    actions: reach.actions,
    isPublic: false,
    cancelledBy: cancellation(active, grant.access.cancelledBy),
  };
  const names = services.map((s) => s.name).join(", ");
  const written = grant.principalWritten;
  const cutBy = grant.access.cancelledBy.map((c) => c.name).join(", ");
  const leftIn = !servicesLeftIn
    ? ""
    : after.principalAccess
      ? ` (its grant to ${written} reaches AWS services acting for any account, besides the principals it names)`
      : ` (its grant to ${written} is held back from other principals by ${cutBy || "a control"}, but not from AWS services)`;
  const unconfined = `${resourceLabel(resource)} trusts ${names}${leftIn} without aws:SourceAccount, aws:SourceArn or aws:SourceOrgID`;

  if (resource.type !== "AWS::IAM::Role") {
    return {
      ...base,
      severity: "medium",
      message: `${unconfined}, so the service can be made to use it on behalf of any AWS account.`,
      principal: { written, judged: `service ${names} acting for any account` },
    };
  }
  if (services.length > 0 && services.every((s) => s.fact?.exemptForRoleTrust)) return undefined;
  const madeBy = awsCreatedNote(resource.name);
  // A role that only a principal of its own account can hand to the service: defence in depth (docs/semantics.md#rules).
  if (services.length > 0 && services.every((s) => s.fact?.roleHandover.kind === "pass-role")) {
    return {
      ...base,
      severity: "low",
      message:
        `${unconfined}, but ${names} assumes a role only after a principal of the role's own account passed it with ` +
        `iam:PassRole, so no other account can make it assume this role; as defence in depth, ` +
        `${services.map(sourceKeyAdvice).join("; ")}.${madeBy}`,
      principal: { written, judged: `service ${names}, passed the role only from the role's own account` },
    };
  }
  const notes = services.flatMap(highNote);
  return {
    ...base,
    severity: "high",
    message:
      `${unconfined}, so the service can be made to assume it on behalf of any AWS account` +
      `${notes.length ? ` (${notes.join("; ")})` : ""}.${madeBy}`,
    principal: { written, judged: `service ${names} acting for any account` },
  };
}

interface TrustedService {
  name: string;
  /** `"*"` limited to services by aws:PrincipalIsAWSService: which service is not known. */
  anyService: boolean;
  fact: ServicePrincipalFact | undefined;
}

function documentedKeys(fact: ServicePrincipalFact | undefined): string | undefined {
  const keys = fact?.sourceKeysForRoleTrust ?? [];
  return keys.length ? keys.join(" and ") : undefined;
}

/** What to add to a role that only its own account can hand to the service. */
function sourceKeyAdvice({ name, fact }: TrustedService): string {
  const keys = documentedKeys(fact);
  if (keys) return `add ${keys}, which ${name} documents for the roles it assumes`;
  // Adding a key the service does not send breaks the role (see cloudtrail.amazonaws.com's entry).
  return `add aws:SourceAccount or aws:SourceArn only once you have confirmed that ${name} sends them (trustscan found no documentation that it does)`;
}

/** Why a role trusting this service stays high, and what to add: from the sourced data, or "no documented answer". */
function highNote({ name, anyService, fact }: TrustedService): string[] {
  if (anyService) return [];
  const handover = fact?.roleHandover.kind ?? "unknown";
  const keys = documentedKeys(fact);
  const keysUnknown = (fact?.sendsSourceKeysOnAssumeRole ?? "unknown") === "unknown";
  const check = "check the service's confused-deputy page";
  const passRoleQuestion = `whether ${name} assumes a role only when a principal of the role's own account passes it with iam:PassRole`;
  if (handover === "unknown" && keysUnknown)
    return [
      `trustscan has no documented answer on ${passRoleQuestion}, nor on whether it sends the source keys; ${check}`,
    ];
  const notes: string[] = [];
  if (handover === "unknown") notes.push(`trustscan has no documented answer on ${passRoleQuestion}`);
  if (handover === "without-pass-role")
    notes.push(`AWS documents ${name} assuming such a role without iam:PassRole`);
  if (keys) notes.push(`add ${keys}, which ${name} documents for the roles it assumes`);
  else if (keysUnknown)
    notes.push(`trustscan has no documented answer on whether ${name} sends the source keys; ${check}`);
  return notes;
}

/** " Its name (…) is that of the roles … creates" for a role named like those an AWS tool creates; "" otherwise. */
function awsCreatedNote(roleName: string): string {
  const pattern = awsCreatedRolePattern(roleName);
  if (!pattern) return "";
  return ` Its name (${pattern.namePrefix}…) is that of the roles ${pattern.creator} creates on your behalf.`;
}
