export { ACCOUNT_ID } from "../model/account-id.js";

const ROLE_ARN = /^arn:[a-z][a-z0-9-]*:iam::(\d{12}):role\/./;
const IAM_ARN = /^arn:[a-z][a-z0-9-]*:iam::([^:]*):/;

/** The account of a role ARN, or undefined when the text is not a role ARN. */
export function accountOfRoleArn(arn: string): string | undefined {
  return ROLE_ARN.exec(arn)?.[1];
}

/** The account part of any IAM ARN (`aws` for AWS-managed policies), or undefined. */
export function accountOfIamArn(arn: string): string | undefined {
  return IAM_ARN.exec(arn)?.[1];
}
