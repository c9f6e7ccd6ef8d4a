import type { SourceRef } from "./source-ref.js";

/**
 * A role that an AWS tool creates in the customer's account on the customer's behalf, told by its name. A finding on
 * such a role says so: the fix belongs with the tool that made it, and the owner did not write the trust policy.
 * Service-linked roles (path /aws-service-role/) are not listed: rule confused-deputy exempts them by path.
 */
export interface AwsCreatedRolePattern {
  /** The role name starts with this, in the case AWS creates it. */
  namePrefix: string;
  /** Who creates the roles, for messages. */
  creator: string;
  source: SourceRef;
}

export const AWS_CREATED_ROLE_PATTERNS: readonly AwsCreatedRolePattern[] = [
  {
    namePrefix: "AWS-QuickSetup-",
    creator: "AWS Systems Manager Quick Setup",
    source: {
      title: "Getting started with Quick Setup - AWS Systems Manager",
      url: "https://docs.aws.amazon.com/systems-manager/latest/userguide/quick-setup-getting-started.html",
      quote:
        "During onboarding, Quick Setup creates the following AWS Identity and Access Management (IAM) roles on " +
        "your behalf: AWS-QuickSetup-StackSet-Local-ExecutionRole ... AWS-QuickSetup-StackSet-Local-AdministrationRole",
    },
  },
];

/** The pattern a role's name matches, if any. */
export function awsCreatedRolePattern(roleName: string): AwsCreatedRolePattern | undefined {
  return AWS_CREATED_ROLE_PATTERNS.find((pattern) => roleName.startsWith(pattern.namePrefix));
}
