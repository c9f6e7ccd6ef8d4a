/**
 * Accounts and policy builders shared by the rule tables. The accounts are those of the AWS documentation examples:
 * the owner 111122223333 and 222233334444 form organization o-a1b2c3d4e5 (the default of scan-policy.ts);
 * 999988887777 is outside every zone.
 */
export const OWNER = "111122223333";
export const ORG_MEMBER = "222233334444";
export const OUTSIDE = "999988887777";
export const ORG = "o-a1b2c3d4e5";
export const OTHER_ORG = "o-exampleorgid";
export const ROOT_ID = "r-a1b2";

export const BUCKET = "amzn-s3-demo-bucket";
export const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
export const OBJECTS_ARN = `${BUCKET_ARN}/*`;

export type Statement = Record<string, unknown>;

/** A policy document with a Statement array. */
export function policy(...statements: Statement[]): { Version: string; Statement: Statement[] } {
  return { Version: "2012-10-17", Statement: statements };
}

/** A trust policy statement: `Allow <principal> sts:AssumeRole [when <condition>]`. */
export function assumeRole(principal: unknown, condition?: Record<string, unknown>, sid?: string): Statement {
  return {
    ...(sid ? { Sid: sid } : {}),
    Effect: "Allow",
    Principal: principal,
    Action: "sts:AssumeRole",
    ...(condition ? { Condition: condition } : {}),
  };
}

/** A bucket policy statement: `Allow <principal> s3:GetObject on every object [when <condition>]`. */
export function getObject(principal: unknown, condition?: Record<string, unknown>, sid?: string): Statement {
  return {
    ...(sid ? { Sid: sid } : {}),
    Effect: "Allow",
    Principal: principal,
    Action: "s3:GetObject",
    Resource: OBJECTS_ARN,
    ...(condition ? { Condition: condition } : {}),
  };
}

/** `Principal "*"` on a bucket: s3:GetObject for anyone, optionally under a condition. */
export function publicRead(condition?: Record<string, unknown>): { Version: string; Statement: Statement[] } {
  return policy(getObject("*", condition, "PublicRead"));
}

/** `Principal "*"` on a role: sts:AssumeRole for anyone, optionally under a condition. */
export function publicTrust(condition?: Record<string, unknown>): {
  Version: string;
  Statement: Statement[];
} {
  return policy(assumeRole("*", condition));
}

export const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
export const AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
