/**
 * Defaults of `collect`, apart from the code that uses them so that the CLI can show them without loading the AWS
 * SDK: only `collect` itself loads it.
 */
export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 60;
export const DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole";
export const DEFAULT_CONCURRENCY = 16;
export const DEFAULT_CALLS_PER_ACCOUNT = 4;
export const DEFAULT_ACCOUNT_TIMEOUT_SECONDS = 15 * 60;
