// prowler (prowler-cloud/prowler @ 3e000fa, Apache-2.0): the boolean predicates of its IAM policy library and the
// PASS/FAIL results of 17 checks, as extracted from its tests (test/fixtures/labelled/prowler). Their accounts:
// 123456789012 is the scanned (trusted) account, 111222333444 and others are not.
//
// Mapping of their labels to our rules (account zone unless stated):
//   is_condition_block_restrictive(block, account, is_cross_account_allowed)
//       '*' with the block, in a bucket of `account`. Restrictive = no active finding; when cross-account access
//       is allowed, restrictive = no public-access.
//   is_condition_block_restrictive_organization(block)
//       '*' with the block, organization zone of o-123456789012. Restrictive = no active finding.
//   is_policy_public(policy, account, is_cross_account_allowed=False, check_cross_service_confused_deputy)
//       True = public-access or external-access (cross-account counts as public when it is not allowed, their
//       default), or confused-deputy when that flag is set.
//   has_public_principal(statement)         True = public-access for an Allow with that Principal.
//   has_restrictive_source_arn_condition(statement, account?)
//       with an account: True = no active finding in a bucket of that account; without: True = the source is
//       confined (neither public-access nor confused-deputy).
//   *_not_publicly_accessible, *_public_access checks     FAIL = public-access.
//   *_cross_account_access, vpc_endpoint_connections_trust_boundaries, iam_role_cross_account_readonlyaccess_policy
//                                                         FAIL = public-access or external-access.
//   iam_role_cross_service_confused_deputy_prevention     FAIL = confused-deputy.
// Resource policies of types we do not scan yet (Lambda, SNS, SQS, KMS, …) run as bucket policies with actions
// normalised (compare.ts asBucketPolicy); S3 checks keep their actions; IAM role checks run as role trust policies.
import { expect, it } from "vitest";
import type { RuleId } from "../../src/findings/finding.js";
import type { PolicyCase } from "../helpers/scan-policy.js";
import { EXAMPLE_BUCKET_ARN, asBucketPolicy, compareWith, has, readFixtureJson } from "./compare.js";
import type { Comparison, Verdict } from "./compare.js";

const OWNER = "123456789012";
/** prowler's TRUSTED_ORGANIZATION_ID, with one more member so that the organization reaches outside the account. */
const ORGANIZATION = { id: "o-123456789012", accounts: [OWNER, "210987654321"] };

// ───────────────────────────── IAM policy library predicates ─────────────────────────────

interface LibraryCase {
  id: string;
  function: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  expected: boolean;
}

const LIBRARY = readFixtureJson<{ cases: LibraryCase[] }>(
  "prowler/iam_lib_policy_functions.cases.json",
).cases;

/** Predicates that are not about who a resource policy lets in (listed as out of scope in DIFFERENCES.md). */
const OUT_OF_SCOPE_FUNCTIONS = new Set([
  "is_condition_restricting_from_private_ip",
  "is_condition_restricting_to_trusted_ips",
  "check_full_service_access",
  "check_admin_access",
  "has_codebuild_trusted_principal",
  "policy_allows_marketplace_subscribe_on_all_resources",
]);

const WHY_NO_PRINCIPAL =
  "docs/policy-grammar.md: a resource policy statement without a Principal is outside IAM's grammar (AWS rejects the policy); an Allow is judged as Principal '*', the reading that reports access, and the problem is reported. prowler reads no principal as nobody.";
const WHY_RESOURCE_ACCOUNT =
  "docs/semantics.md#conditions: aws:ResourceAccount / s3:ResourceAccount describe the resource, not the caller; on a bucket they always equal the owner, so '*' stays anyone → public-access. prowler counts the key as restrictive.";
const WHY_CALLED_VIA =
  "docs/semantics.md#conditions: aws:CalledVia* only says a request went through an AWS service (CloudFormation, Glue, …); a principal of any account can use that service, so '*' stays public. prowler counts the key as restrictive whatever its value.";
const WHY_VIA_SERVICE =
  "docs/semantics.md#conditions: kms:ViaService only says the call comes through a service; any account's principal can call through it, so '*' stays public. prowler counts the key as restrictive.";
const WHY_TWO_LISTS =
  "docs/semantics.md#conditions: AND across keys. aws:ResourceAccount confines nothing; aws:SourceArn names 123456789012 and 111222333444, so services acting for 111222333444 get in → external-access. prowler treats one restrictive-looking key as enough.";
const WHY_LITERAL_ORG =
  "docs/semantics.md#conditions: '*' is a wildcard only under …Like operators. StringEquals aws:PrincipalOrgID \"*\" asks for the organization whose id is literally \"*\"; no organization has it (ids are o- plus 10–32 lower-case letters or digits), so that value lets no one in and the only caller left is the zone's own organization. prowler reads the '*' as any organization.";
const WHY_CANONICAL_USER =
  'docs/semantics.md#principals: {"CanonicalUser": …} is one S3 account, outside unless mapped to a zone account; only "*" and {"AWS": "*"} mean anyone. A CanonicalUser value of "*" or an IAM ARN pattern is not a wildcard, so the grant is external-access, not public. prowler treats a \'*\' under any principal type as public.';
const WHY_SOURCE_WILDCARD =
  "docs/semantics.md#conditions: aws:SourceArn is absent on direct calls, so a positive ArnLike on it shuts out every user, role and anonymous caller; with a wildcard account what is left is AWS services acting for any account: §5 confused-deputy, not public-access.";
const WHY_NETWORK_IS_NOT_PRIVATE =
  "docs/semantics.md#conditions and #rules: aws:SourceIp/SourceVpce confine '*' to a network, not to accounts: any account's principal calling from there gets in, so the grant stays external (external-access), only not public. prowler treats IP-restricted '*' as private.";

const LIBRARY_OURS: Record<string, Verdict> = {
  "test_is_policy_public_with_secure_conditions_and_allowed_conditions_nested_dict@L2277": {
    ours: [],
    note: "The aws:SourceVpce value is a JSON object, outside IAM's grammar: that clause never narrows (docs/policy-grammar.md); aws:SourceOwner of the owner still confines.",
  },
  "test_is_policy_public_with_secure_conditions_and_allowed_conditions_nested_dict_key@L2301": {
    ours: [],
    note: "As nested_dict@L2277.",
  },
  "test_has_public_principal_root_arn_string@L2815": {
    ours: ["public-access"],
    note: 'A Principal string other than "*" is outside IAM\'s grammar; an ARN is read as that AWS principal, and a wildcard account part as "*" (docs/policy-grammar.md).',
  },
  "test_has_public_principal_empty_principal@L2859": {
    ours: ["public-access"],
    why: 'docs/policy-grammar.md: Principal "" is outside IAM\'s grammar (AWS rejects the policy); an Allow with it is judged as Principal "*", the reading that reports access. prowler reads it as nobody.',
  },
  // is_condition_block_restrictive: '*' with the condition block, bucket of args[1].
  "test_condition_parser_string_equals_aws_SourceAccount_list@L187": { ours: [] },
  "test_condition_parser_string_equals_aws_SourceAccount_list_not_valid@L200": { ours: ["external-access"] },
  "test_condition_parser_string_equals_aws_SourceAccount_str@L208": { ours: [] },
  "test_condition_parser_string_equals_aws_SourceAccount_str_not_valid@L216": { ours: ["external-access"] },
  "test_condition_parser_string_like_aws_SourceAccount_list@L224": { ours: [] },
  "test_condition_parser_string_like_aws_SourceAccount_list_not_valid@L237": { ours: ["external-access"] },
  "test_condition_parser_string_like_aws_SourceAccount_str@L245": { ours: [] },
  "test_condition_parser_string_like_aws_SourceAccount_str_not_valid@L253": { ours: ["external-access"] },
  "test_condition_parser_string_equals_aws_SourceOwner_str@L261": { ours: [] },
  "test_condition_parser_string_equals_aws_SourceOwner_str_not_valid@L269": { ours: ["external-access"] },
  "test_condition_parser_string_equals_aws_SourceOwner_list@L277": { ours: [] },
  "test_condition_parser_string_equals_aws_SourceOwner_list_not_valid@L290": { ours: ["external-access"] },
  "test_condition_parser_string_like_aws_SourceOwner_list@L298": { ours: [] },
  "test_condition_parser_string_like_aws_SourceOwner_list_not_valid@L311": { ours: ["external-access"] },
  "test_condition_parser_string_like_aws_SourceOwner_str@L319": { ours: [] },
  "test_condition_parser_string_like_aws_SourceOwner_str_not_valid@L327": { ours: ["external-access"] },
  "test_condition_parser_string_equals_s3_ResourceAccount_list@L335": {
    ours: ["public-access"],
    why: WHY_RESOURCE_ACCOUNT,
  },
  "test_condition_parser_string_equals_s3_ResourceAccount_list_not_valid@L348": { ours: ["public-access"] },
  "test_condition_parser_string_equals_s3_ResourceAccount_str@L356": {
    ours: ["public-access"],
    why: WHY_RESOURCE_ACCOUNT,
  },
  "test_condition_parser_string_equals_s3_ResourceAccount_str_not_valid@L364": { ours: ["public-access"] },
  "test_condition_parser_string_equals_aws_PrincipalAccount_list@L372": { ours: [] },
  "test_condition_parser_string_equals_aws_PrincipalAccount_list_not_valid@L385": {
    ours: ["external-access"],
  },
  "test_condition_parser_string_equals_aws_PrincipalAccount_str@L393": { ours: [] },
  "test_condition_parser_string_equals_aws_PrincipalAccount_str_not_valid@L401": {
    ours: ["external-access"],
  },
  "test_condition_parser_string_equals_aws_SourceArn_str@L411": { ours: [] },
  "test_condition_parser_string_equals_aws_SourceArn_str_not_valid@L421": { ours: ["external-access"] },
  "test_condition_parser_string_like_aws_PrincipalAccount_list@L429": { ours: [] },
  "test_condition_parser_string_like_aws_PrincipalAccount_list_not_valid@L442": { ours: ["external-access"] },
  "test_condition_parser_string_like_aws_PrincipalAccount_str@L450": { ours: [] },
  "test_condition_parser_string_like_aws_PrincipalAccount_str_not_valid@L458": { ours: ["external-access"] },
  "test_condition_parser_arn_like_aws_SourceArn_list@L471": { ours: [] },
  "test_condition_parser_arn_like_aws_SourceArn_list_not_valid@L485": { ours: ["external-access"] },
  "test_condition_parser_arn_like_aws_SourceArn_str@L496": { ours: [] },
  "test_condition_parser_arn_like_aws_SourceArn_str_not_valid@L507": { ours: ["external-access"] },
  "test_condition_parser_arn_like_aws_PrincipalArn_list@L520": { ours: [] },
  "test_condition_parser_arn_like_aws_PrincipalArn_list_not_valid@L534": { ours: ["external-access"] },
  "test_condition_parser_arn_like_aws_PrincipalArn_str@L545": { ours: [] },
  "test_condition_parser_arn_like_aws_PrincipalArn_str_not_valid@L556": { ours: ["external-access"] },
  "test_condition_parser_arn_equals_aws_SourceArn_list@L569": { ours: [] },
  "test_condition_parser_arn_equals_aws_SourceArn_list_not_valid@L583": { ours: ["external-access"] },
  "test_condition_parser_arn_equals_aws_SourceArn_str@L594": { ours: [] },
  "test_condition_parser_arn_equals_aws_SourceArn_str_not_valid@L605": { ours: ["external-access"] },
  "test_condition_parser_arn_equals_aws_PrincipalArn_list@L618": { ours: [] },
  "test_condition_parser_arn_equals_aws_PrincipalArn_list_not_valid@L632": { ours: ["external-access"] },
  "test_condition_parser_arn_equals_aws_PrincipalArn_str@L643": { ours: [] },
  "test_condition_parser_arn_equals_aws_PrincipalArn_str_not_valid@L654": { ours: ["external-access"] },
  "test_condition_parser_string_like_aws_SourceArn_list@L667": { ours: [] },
  "test_condition_parser_string_like_aws_SourceArn_list_not_valid@L681": { ours: ["external-access"] },
  "test_condition_parser_string_like_aws_SourceArn_str@L692": { ours: [] },
  "test_condition_parser_string_like_aws_SourceArn_str_not_valid@L703": { ours: ["external-access"] },
  "test_condition_parser_string_like_aws_PrincipalArn_list@L716": { ours: [] },
  "test_condition_parser_string_like_aws_PrincipalArn_list_not_valid@L730": { ours: ["external-access"] },
  "test_condition_parser_string_like_aws_PrincipalArn_str@L741": { ours: [] },
  "test_condition_parser_string_like_aws_PrincipalArn_str_not_valid@L752": { ours: ["external-access"] },
  "test_condition_parser_string_equals_aws_ResourceAccount_list@L760": {
    ours: ["public-access"],
    why: WHY_RESOURCE_ACCOUNT,
  },
  "test_condition_parser_string_equals_aws_ResourceAccount_list_not_valid@L773": { ours: ["public-access"] },
  "test_condition_parser_string_equals_aws_ResourceAccount_str@L781": {
    ours: ["public-access"],
    why: WHY_RESOURCE_ACCOUNT,
  },
  "test_condition_parser_string_equals_aws_ResourceAccount_str_not_valid@L789": { ours: ["public-access"] },
  "test_condition_parser_string_like_aws_ResourceAccount_list@L797": {
    ours: ["public-access"],
    why: WHY_RESOURCE_ACCOUNT,
  },
  "test_condition_parser_string_like_aws_ResourceAccount_list_not_valid@L810": { ours: ["public-access"] },
  "test_condition_parser_string_like_aws_ResourceAccount_str@L818": {
    ours: ["public-access"],
    why: WHY_RESOURCE_ACCOUNT,
  },
  "test_condition_parser_string_like_aws_ResourceAccount_str_not_valid@L826": { ours: ["public-access"] },
  "test_condition_parser_string_equals_AWS_SourceAccount_list@L835": { ours: [] },
  "test_condition_parser_string_equals_AWS_SourceAccount_list_not_valid@L848": { ours: ["external-access"] },
  "test_condition_parser_string_equals_AWS_SourceAccount_str@L856": { ours: [] },
  "test_condition_parser_string_equals_AWS_SourceAccount_str_not_valid@L864": { ours: ["external-access"] },
  "test_condition_parser_string_like_AWS_SourceAccount_list@L872": { ours: [] },
  "test_condition_parser_string_like_AWS_SourceAccount_list_not_valid@L885": { ours: ["external-access"] },
  "test_condition_parser_string_like_AWS_SourceAccount_str@L893": { ours: [] },
  "test_condition_parser_string_like_AWS_SourceAccount_str_not_valid@L901": { ours: ["external-access"] },
  "test_condition_parser_string_equals_AWS_SourceOwner_str@L909": { ours: [] },
  "test_condition_parser_string_equals_AWS_SourceOwner_str_not_valid@L917": { ours: ["external-access"] },
  "test_condition_parser_string_equals_AWS_SourceOwner_list@L925": { ours: [] },
  "test_condition_parser_string_equals_AWS_SourceOwner_list_not_valid@L938": { ours: ["external-access"] },
  "test_condition_parser_string_like_AWS_SourceOwner_list@L946": { ours: [] },
  "test_condition_parser_string_like_AWS_SourceOwner_list_not_valid@L959": { ours: ["external-access"] },
  "test_condition_parser_string_like_AWS_SourceOwner_str@L967": { ours: [] },
  "test_condition_parser_string_like_AWS_SourceOwner_str_not_valid@L975": { ours: ["external-access"] },
  "test_condition_parser_string_equals_S3_ResourceAccount_list@L983": {
    ours: ["public-access"],
    why: WHY_RESOURCE_ACCOUNT,
  },
  "test_condition_parser_string_equals_S3_ResourceAccount_list_not_valid@L996": { ours: ["public-access"] },
  "test_condition_parser_string_equals_S3_ResourceAccount_str@L1004": {
    ours: ["public-access"],
    why: WHY_RESOURCE_ACCOUNT,
  },
  "test_condition_parser_string_equals_S3_ResourceAccount_str_not_valid@L1012": { ours: ["public-access"] },
  "test_condition_parser_string_equals_AWS_PrincipalAccount_list@L1020": { ours: [] },
  "test_condition_parser_string_equals_AWS_PrincipalAccount_list_not_valid@L1033": {
    ours: ["external-access"],
  },
  "test_condition_parser_string_equals_AWS_PrincipalAccount_str@L1041": { ours: [] },
  "test_condition_parser_string_equals_AWS_PrincipalAccount_str_not_valid@L1049": {
    ours: ["external-access"],
  },
  "test_condition_parser_string_like_AWS_PrincipalAccount_list@L1057": { ours: [] },
  "test_condition_parser_string_like_AWS_PrincipalAccount_list_not_valid@L1070": {
    ours: ["external-access"],
  },
  "test_condition_parser_string_like_AWS_PrincipalAccount_str@L1078": { ours: [] },
  "test_condition_parser_string_like_AWS_PrincipalAccount_str_not_valid@L1086": { ours: ["external-access"] },
  "test_condition_parser_arn_like_AWS_SourceArn_list@L1099": { ours: [] },
  "test_condition_parser_arn_like_AWS_SourceArn_list_not_valid@L1113": { ours: ["external-access"] },
  "test_condition_parser_arn_like_AWS_SourceArn_str@L1124": { ours: [] },
  "test_condition_parser_arn_like_AWS_SourceArn_str_not_valid@L1135": { ours: ["external-access"] },
  "test_condition_parser_arn_like_AWS_PrincipalArn_list@L1148": { ours: [] },
  "test_condition_parser_arn_like_AWS_PrincipalArn_list_not_valid@L1162": { ours: ["external-access"] },
  "test_condition_parser_arn_like_AWS_PrincipalArn_str@L1173": { ours: [] },
  "test_condition_parser_arn_like_AWS_PrincipalArn_str_not_valid@L1184": { ours: ["external-access"] },
  "test_condition_parser_arn_equals_AWS_SourceArn_list@L1197": { ours: [] },
  "test_condition_parser_arn_equals_AWS_SourceArn_list_not_valid@L1211": { ours: ["external-access"] },
  "test_condition_parser_arn_equals_AWS_SourceArn_str@L1222": { ours: [] },
  "test_condition_parser_arn_equals_AWS_SourceArn_str_not_valid@L1233": { ours: ["external-access"] },
  "test_condition_parser_arn_equals_AWS_PrincipalArn_list@L1246": { ours: [] },
  "test_condition_parser_arn_equals_AWS_PrincipalArn_list_not_valid@L1260": { ours: ["external-access"] },
  "test_condition_parser_arn_equals_AWS_PrincipalArn_str@L1271": { ours: [] },
  "test_condition_parser_arn_equals_AWS_PrincipalArn_str_not_valid@L1282": { ours: ["external-access"] },
  "test_condition_parser_string_like_AWS_SourceArn_list@L1295": { ours: [] },
  "test_condition_parser_string_like_AWS_SourceArn_list_not_valid@L1309": { ours: ["external-access"] },
  "test_condition_parser_string_like_AWS_SourceArn_str@L1320": { ours: [] },
  "test_condition_parser_string_like_AWS_SourceArn_str_not_valid@L1331": { ours: ["external-access"] },
  "test_condition_parser_string_like_AWS_PrincipalArn_list@L1344": { ours: [] },
  "test_condition_parser_string_like_AWS_PrincipalArn_list_not_valid@L1358": { ours: ["external-access"] },
  "test_condition_parser_string_like_AWS_PrincipalArn_str@L1369": { ours: [] },
  "test_condition_parser_string_like_AWS_PrincipalArn_str_not_valid@L1380": { ours: ["external-access"] },
  "test_condition_parser_string_equals_AWS_ResourceAccount_list@L1388": {
    ours: ["public-access"],
    why: WHY_RESOURCE_ACCOUNT,
  },
  "test_condition_parser_string_equals_AWS_ResourceAccount_list_not_valid@L1401": { ours: ["public-access"] },
  "test_condition_parser_string_equals_AWS_ResourceAccount_str@L1409": {
    ours: ["public-access"],
    why: WHY_RESOURCE_ACCOUNT,
  },
  "test_condition_parser_string_equals_AWS_ResourceAccount_str_not_valid@L1417": { ours: ["public-access"] },
  "test_condition_parser_string_like_AWS_ResourceAccount_list@L1425": {
    ours: ["public-access"],
    why: WHY_RESOURCE_ACCOUNT,
  },
  "test_condition_parser_string_like_AWS_ResourceAccount_list_not_valid@L1438": { ours: ["public-access"] },
  "test_condition_parser_string_like_AWS_ResourceAccount_str@L1446": {
    ours: ["public-access"],
    why: WHY_RESOURCE_ACCOUNT,
  },
  "test_condition_parser_string_like_AWS_ResourceAccount_str_not_valid@L1454": { ours: ["public-access"] },
  "test_condition_parser_string_equals_aws_CalledVia_str@L1462": {
    ours: ["public-access"],
    why: WHY_CALLED_VIA,
  },
  "test_condition_parser_string_equals_aws_CalledViaFirst_str@L1472": {
    ours: ["public-access"],
    why: WHY_CALLED_VIA,
  },
  "test_condition_parser_string_equals_aws_CalledViaLast_str@L1482": {
    ours: ["public-access"],
    why: WHY_CALLED_VIA,
  },
  "test_condition_parser_string_like_aws_CalledVia_str@L1490": {
    ours: ["public-access"],
    why: WHY_CALLED_VIA,
  },
  "test_condition_parser_string_equals_kms_CallerAccount_str@L1500": { ours: [] },
  "test_condition_parser_string_equals_kms_CallerAccount_str_not_valid@L1508": { ours: ["external-access"] },
  "test_condition_parser_string_equals_kms_CallerAccount_list@L1516": { ours: [] },
  "test_condition_parser_string_equals_kms_CallerAccount_list_not_valid@L1529": { ours: ["external-access"] },
  "test_condition_parser_string_equals_kms_ViaService_str@L1537": {
    ours: ["public-access"],
    why: WHY_VIA_SERVICE,
  },
  "test_condition_parser_string_like_kms_CallerAccount_str@L1547": { ours: [] },
  "test_condition_parser_string_like_kms_CallerAccount_str_not_valid@L1555": { ours: ["external-access"] },
  "test_condition_parser_string_like_kms_ViaService_str@L1561": {
    ours: ["public-access"],
    why: WHY_VIA_SERVICE,
  },
  "test_condition_parser_two_lists_unrestrictive@L1582": { ours: ["external-access"] },
  "test_condition_parser_two_lists_both_restrictive@L1599": { ours: [] },
  "test_condition_parser_two_lists_first_restrictive@L1617": {
    ours: ["external-access"],
    why: WHY_TWO_LISTS,
  },
  "test_condition_parser_two_lists_second_restrictive@L1635": { ours: [] },
  "test_condition_parser_allowing_cross_account_with_invalid_block@L1647": { ours: ["public-access"] },
  "test_condition_parser_string_equals_vpc@L1654": { ours: ["external-access"] },
  "test_condition_parser_string_equals_vpc_list@L1661": { ours: ["external-access"] },
  "test_condition_parser_string_equals_vpc_list_not_valid@L1670": { ours: ["external-access"] },

  // is_condition_block_restrictive_organization: organization zone of o-123456789012.
  "test_condition_parser_string_equals_aws_PrincipalOrgID_list@L1678": { ours: [] },
  "test_condition_parser_string_equals_aws_PrincipalOrgID_list_multiple_items@L1691": {
    ours: ["external-access"],
    why: "docs/semantics.md#conditions: aws:PrincipalOrgID is inside the zone only for the zone's own organization; o-111222333444 is another organization, so its principals are outside → external-access. prowler accepts any organization id as restrictive.",
  },
  "test_condition_parser_string_equals_aws_PrincipalOrgID_str@L1697": { ours: [] },
  "test_condition_parser_string_equals_aws_All_Orgs_list_multiple_items@L1710": {
    ours: [],
    why: WHY_LITERAL_ORG,
  },
  "test_condition_parser_string_equals_aws_All_Orgs_str@L1714": { ours: [], why: WHY_LITERAL_ORG },

  // is_policy_public
  "test_policy_allows_cross_account_access_with_root_and_wildcard_principal@L1762": {
    ours: ["public-access"],
  },
  "test_policy_does_not_allow_cross_account_access_with_specific_root_principal@L1783": { ours: [] },
  "test_policy_does_not_allow_cross_account_access_with_deny_effect@L1802": { ours: [] },
  "test_cross_account_access_trusted_account_list@L1821": { ours: [] },
  "test_cross_account_access_with_principal_list_trusted_account_list@L1844": { ours: ["external-access"] },
  "test_policy_allows_public_access_with_wildcard_principal@L1862": { ours: ["public-access"] },
  "test_policy_allows_public_access_with_aws_wildcard_principal@L1879": { ours: ["public-access"] },
  "test_policy_does_not_allow_public_access_with_specific_aws_principal@L1898": { ours: [] },
  "test_policy_does_not_allow_public_access_with_condition@L1914": {
    ours: ["external-access"],
    why: WHY_NETWORK_IS_NOT_PRIVATE,
  },
  "test_is_policy_public_@L2191": { ours: ["public-access"] },
  "test_is_policy_public_with_principal_dict@L2208": { ours: ["public-access"] },
  "test_is_policy_public_with_secure_conditions_and_allowed_conditions@L2231": { ours: [] },
  "test_is_policy_public_with_secure_conditions_and_allowed_conditions_nested@L2253": { ours: [] },
  "test_is_policy_public_with_action_wildcard@L2316": { ours: ["public-access"] },
  "test_is_policy_public_allowing_all_actions@L2331": { ours: ["public-access"] },
  "test_is_policy_public_allowing_other_account@L2346": { ours: [] },
  "test_is_policy_public_secrets_manager@L2362": {
    ours: ["confused-deputy"],
    note: "Not public (agrees); a service principal without source condition is §5 confused-deputy.",
  },
  "test_is_policy_public_eks@L2378": {
    ours: ["confused-deputy"],
    note: "Not public (agrees); service principal without source condition → confused-deputy.",
  },
  "test_is_policy_public_cross_cross_service_confused_deputy@L2394": {
    ours: ["confused-deputy"],
    note: "The ec2.amazonaws.com exemption of §5 is for role assumption; granted a resource policy it is a service principal without source condition.",
  },
  "test_is_policy_public_cross_cross_service_confused_deputy_ignored@L2412": {
    ours: ["confused-deputy"],
    note: "Agrees: with the confused-deputy check off, prowler's verdict only covers public/cross-account access.",
  },
  "test_is_policy_public_alexa_condition@L2433": {
    ours: ["confused-deputy"],
    note: "lambda:EventSourceToken is not a source key (§5), so the Alexa service principal is not confined.",
  },
  "test_is_policy_private_org_s3_bucket@L2450": {
    ours: [],
    note: "Run in the organization zone of o-123456 (prowler treats an organization condition as private): aws:SourceOrgID pins the service to the zone's organization.",
  },
  "test_is_policy_public_ip@L2467": { ours: ["public-access"] },
  "test_is_policy_public_with_trusted_ips@L2484": {
    ours: ["external-access"],
    why: WHY_NETWORK_IS_NOT_PRIVATE,
  },
  "test_is_policy_public_with_trusted_ips_partial_match@L2505": { ours: ["external-access"] },
  "test_is_policy_public_kms_caller_account_and_via_service@L2536": { ours: [] },
  "test_is_policy_public_kms_caller_account_only@L2555": { ours: [] },
  "test_is_policy_public_kms_via_service_without_account_restriction@L2574": {
    ours: ["public-access"],
    why: WHY_VIA_SERVICE,
  },

  // has_public_principal: an Allow statement with that Principal and no condition.
  "test_has_public_principal_wildcard_string@L2810": { ours: ["public-access"] },
  "test_has_public_principal_aws_dict_wildcard@L2820": { ours: ["public-access"] },
  "test_has_public_principal_aws_dict_root_arn@L2825": { ours: ["public-access"] },
  "test_has_public_principal_aws_list_wildcard@L2830": { ours: ["public-access"] },
  "test_has_public_principal_aws_list_root_arn@L2839": { ours: ["public-access"] },
  "test_has_public_principal_canonical_user_wildcard@L2844": {
    ours: ["external-access"],
    why: WHY_CANONICAL_USER,
  },
  "test_has_public_principal_canonical_user_root_arn@L2849": {
    ours: ["external-access"],
    why: WHY_CANONICAL_USER,
  },
  "test_has_public_principal_no_principal@L2854": { ours: ["public-access"], why: WHY_NO_PRINCIPAL },
  "test_has_public_principal_specific_account@L2864": { ours: [] },
  "test_has_public_principal_service_principal@L2869": {
    ours: ["confused-deputy"],
    note: "Not public (agrees); lambda.amazonaws.com without source condition → confused-deputy.",
  },
  "test_has_public_principal_mixed_principals@L2880": {
    ours: ["confused-deputy", "external-access"],
    why: `${WHY_CANONICAL_USER} The owner's user is inside; lambda.amazonaws.com without source condition is confused-deputy (§5).`,
  },

  // has_restrictive_source_arn_condition: the statement in a bucket of args[1] (default 123456789012).
  "test_no_condition_block@L2889": { ours: ["public-access"] },
  "test_no_source_arn_condition@L2899": {
    ours: [],
    why: "docs/semantics.md#conditions: aws:SourceAccount = the owner confines '*' as well as aws:SourceArn would (and shuts out direct callers). prowler's predicate only looks for an aws:SourceArn key.",
  },
  "test_restrictive_source_arn_s3_bucket@L2909": {
    ours: ["external-access"],
    note: "Restrictive (not public) agrees; an S3 bucket ARN carries no account, so the source's account is unknown → outside.",
  },
  "test_restrictive_source_arn_lambda_function@L2923": { ours: [] },
  "test_non_restrictive_global_wildcard@L2933": { ours: ["confused-deputy"], note: WHY_SOURCE_WILDCARD },
  "test_non_restrictive_service_wildcard@L2943": { ours: ["confused-deputy"], note: WHY_SOURCE_WILDCARD },
  "test_non_restrictive_multi_wildcard@L2953": { ours: ["confused-deputy"], note: WHY_SOURCE_WILDCARD },
  "test_non_restrictive_resource_wildcard@L2965": {
    ours: [],
    why: "docs/semantics.md#conditions: aws:SourceArn confines through its account part; arn:aws:lambda:us-east-1:123456789012:* pins the owner's account, and a wildcard in the resource part does not widen it beyond that account. prowler wants a specific resource.",
  },
  "test_source_arn_list_with_valid_arn@L2979": {
    ours: ["external-access"],
    note: "Not public (agrees); bucket ARNs carry no account → outside.",
  },
  "test_source_arn_list_with_wildcard@L2989": { ours: ["confused-deputy"], note: WHY_SOURCE_WILDCARD },
  "test_source_arn_with_account_validation_match@L3003": { ours: [] },
  "test_source_arn_with_account_validation_mismatch@L3017": { ours: ["external-access"] },
  "test_source_arn_with_account_wildcard@L3031": { ours: ["confused-deputy"], note: WHY_SOURCE_WILDCARD },
  "test_source_arn_s3_bucket_no_account_field@L3041": {
    ours: ["external-access"],
    why: "docs/semantics.md#principals and #conditions: an S3 bucket ARN has no account part, so nothing shows the bucket belongs to 123456789012 (bucket names are global and can be re-created elsewhere); an unknown account is outside → external-access. prowler accepts an account-less ARN as restricted to the given account.",
  },
  "test_source_arn_case_insensitive@L3051": {
    ours: ["external-access"],
    note: "Not public (agrees); keys are case-insensitive; bucket ARN → unknown account.",
  },
  "test_source_arn_mixed_operators@L3064": { ours: [] },
};

const wildcardStatement = (condition: unknown) => ({
  Effect: "Allow",
  Principal: "*",
  Action: "s3:GetObject",
  Resource: `${EXAMPLE_BUCKET_ARN}/*`,
  Condition: condition,
});

const bucketRun = (policy: unknown, extra: Partial<PolicyCase> = {}): PolicyCase => ({
  resource: "bucket",
  policy,
  zone: "account",
  accountId: OWNER,
  organization: ORGANIZATION,
  ...extra,
});

function libraryComparison(c: LibraryCase, verdict: Verdict): Comparison {
  const { ours } = verdict;
  const base = { id: c.id, theirs: `${c.function} → ${String(c.expected)}`, ...verdict };
  const account = typeof c.args[1] === "string" ? c.args[1] : undefined;
  switch (c.function) {
    case "is_condition_block_restrictive": {
      const crossAccountAllowed = c.args[2] === true || c.kwargs["is_cross_account_allowed"] === true;
      const restrictive = crossAccountAllowed ? !has(ours, "public-access") : ours.length === 0;
      return {
        ...base,
        run: bucketRun(
          { Version: "2012-10-17", Statement: [wildcardStatement(c.args[0])] },
          account === undefined ? {} : { accountId: account },
        ),
        agrees: restrictive === c.expected,
      };
    }
    case "is_condition_block_restrictive_organization":
      return {
        ...base,
        run: bucketRun(
          { Version: "2012-10-17", Statement: [wildcardStatement(c.args[0])] },
          { zone: "organization" },
        ),
        agrees: (ours.length === 0) === c.expected,
      };
    case "is_policy_public": {
      const crossAccountAllowed = c.kwargs["is_cross_account_allowed"] === true;
      const confusedDeputy = c.kwargs["check_cross_service_confused_deputy"] === true;
      const trusted = c.kwargs["trusted_account_ids"];
      const publicForThem =
        has(ours, "public-access") ||
        (!crossAccountAllowed && has(ours, "external-access")) ||
        (confusedDeputy && has(ours, "confused-deputy"));
      const orgZone = c.id === "test_is_policy_private_org_s3_bucket@L2450";
      return {
        ...base,
        run: bucketRun(asBucketPolicy(c.args[0]), {
          ...(account === undefined ? {} : { accountId: account }),
          ...(Array.isArray(trusted) ? { trustedAccounts: trusted as string[] } : {}),
          ...(orgZone ? { zone: "organization", organization: { id: "o-123456", accounts: [OWNER] } } : {}),
        }),
        agrees: publicForThem === c.expected,
      };
    }
    case "has_public_principal": {
      const statement = c.args[0] as Record<string, unknown>;
      const principal = "Principal" in statement ? { Principal: statement["Principal"] } : {};
      return {
        ...base,
        run: bucketRun({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", ...principal, Action: "s3:GetObject", Resource: `${EXAMPLE_BUCKET_ARN}/*` },
          ],
        }),
        agrees: has(ours, "public-access") === c.expected,
      };
    }
    case "has_restrictive_source_arn_condition": {
      const restrictive =
        account === undefined
          ? !has(ours, "public-access") && !has(ours, "confused-deputy")
          : ours.length === 0;
      return {
        ...base,
        run: bucketRun(asBucketPolicy(c.args[0]), { accountId: account ?? OWNER }),
        agrees: restrictive === c.expected,
      };
    }
    default:
      throw new Error(`no mapping for prowler predicate ${c.function}`);
  }
}

const libraryInScope = LIBRARY.filter((c) => !OUT_OF_SCOPE_FUNCTIONS.has(c.function));

const libraryComparisons = libraryInScope.map((c) => {
  const verdict = LIBRARY_OURS[c.id];
  if (verdict === undefined) throw new Error(`no verdict for prowler case ${c.id}`);
  return libraryComparison(c, verdict);
});

// ───────────────────────────── Checks ─────────────────────────────

interface CheckCase {
  test: string;
  policies: unknown[];
  expected_status: string[];
  result_count: number;
}

type Mapping = "public" | "cross-account" | "confused-deputy";

const CHECKS: Record<string, { mapping: Mapping; resource: "role" | "bucket"; keepActions?: boolean }> = {
  awslambda_function_not_publicly_accessible: { mapping: "public", resource: "bucket" },
  cloudwatch_log_group_not_publicly_accessible: { mapping: "public", resource: "bucket" },
  dynamodb_table_cross_account_access: { mapping: "cross-account", resource: "bucket" },
  ecr_repositories_not_publicly_accessible: { mapping: "public", resource: "bucket" },
  eventbridge_schema_registry_cross_account_access: { mapping: "cross-account", resource: "bucket" },
  glacier_vaults_policy_public_access: { mapping: "public", resource: "bucket" },
  iam_role_cross_account_readonlyaccess_policy: { mapping: "cross-account", resource: "role" },
  iam_role_cross_service_confused_deputy_prevention: { mapping: "confused-deputy", resource: "role" },
  kms_key_not_publicly_accessible: { mapping: "public", resource: "bucket" },
  opensearch_service_domains_not_publicly_accessible: { mapping: "public", resource: "bucket" },
  s3_bucket_cross_account_access: { mapping: "cross-account", resource: "bucket", keepActions: true },
  s3_bucket_policy_public_write_access: { mapping: "public", resource: "bucket", keepActions: true },
  s3_bucket_public_access: { mapping: "public", resource: "bucket", keepActions: true },
  secretsmanager_not_publicly_accessible: { mapping: "public", resource: "bucket" },
  sns_topics_not_publicly_accessible: { mapping: "public", resource: "bucket" },
  sqs_queues_not_publicly_accessible: { mapping: "public", resource: "bucket" },
  vpc_endpoint_connections_trust_boundaries: { mapping: "cross-account", resource: "bucket" },
};

/** Check tests whose extracted policy is not the one under test (listed in DIFFERENCES.md as skipped). */
const EXTRACTION_ARTEFACTS = new Set([
  "awslambda_function_not_publicly_accessible/test_function_public",
  "awslambda_function_not_publicly_accessible/test_function_public_with_source_account",
  "awslambda_function_not_publicly_accessible/test_function_not_public",
  "awslambda_function_not_publicly_accessible/test_function_public_with_alb",
]);

/** Check tests that run with prowler's trusted-account configuration. */
const TRUSTED_ACCOUNTS: Record<string, string[]> = {
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_config_trusted_account_with_arn": [
    "111122223333",
  ],
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_config_trusted_account": ["111122223333"],
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_two_account_ids_one_trusted_one_not": [
    "111122223333",
  ],
};

/** Role checks run on service-linked roles (their `result_count` 0: prowler skips them). */
const SERVICE_LINKED = new Set([
  "iam_role_cross_account_readonlyaccess_policy/test_only_aws_service_linked_roles",
  "iam_role_cross_service_confused_deputy_prevention/test_only_aws_service_linked_roles",
]);

const WHY_PUBLIC_IP =
  "docs/semantics.md#conditions and #rules: a narrow aws:SourceIp range (any /32 here; IPv6 /64 is narrower than /32) confines '*' to a network: external-access, not public, whether the addresses are private or not. prowler calls any non-private address public.";

const CHECK_OURS: Record<string, Verdict> = {
  "secretsmanager_not_publicly_accessible/test_secret_not_public_policy": {
    ours: [],
    note: 'Principal written as a bare ARN string, outside IAM\'s grammar: read as {"AWS": that ARN}, the owner (docs/policy-grammar.md).',
  },
  "awslambda_function_not_publicly_accessible/test_function_public_with_canonical": {
    ours: ["external-access"],
    why: WHY_CANONICAL_USER,
  },
  "awslambda_function_not_publicly_accessible/test_function_could_be_invoked_by_specific_aws_account": {
    ours: [],
  },
  "awslambda_function_not_publicly_accessible/test_function_could_be_invoked_by_specific_other_aws_account": {
    ours: ["external-access"],
    note: "Not public (agrees); ses.amazonaws.com pinned to 000000000000, outside the zone → external-access (§5 [beyond]).",
  },
  "awslambda_function_not_publicly_accessible/test_function_public_policy_with_several_statements": {
    ours: ["public-access"],
    note: "lambda:FunctionUrlAuthType confines nothing; the API Gateway statement is pinned to the owner.",
  },
  "cloudwatch_log_group_not_publicly_accessible/test_log_group_publicly_accessible": {
    ours: ["public-access"],
  },
  "cloudwatch_log_group_not_publicly_accessible/test_log_group_empty_principal": {
    ours: ["public-access"],
    why: WHY_NO_PRINCIPAL,
  },
  "dynamodb_table_cross_account_access/test_tables_not_public": { ours: [] },
  "dynamodb_table_cross_account_access/test_tables_public": { ours: ["public-access"] },
  "dynamodb_table_cross_account_access/test_tables_public_with_condition_not_valid": {
    ours: ["public-access"],
  },
  "dynamodb_table_cross_account_access/test_tables_public_with_condition_valid": { ours: [] },
  "dynamodb_table_cross_account_access/test_tables_public_with_condition_valid_with_other_account": {
    ours: ["external-access"],
  },
  "dynamodb_table_cross_account_access/test_tables_public_with_condition_with_invalid_block": {
    ours: ["public-access"],
  },
  "ecr_repositories_not_publicly_accessible/test_repository_not_public": { ours: [] },
  "ecr_repositories_not_publicly_accessible/test_repository_public": { ours: ["public-access"] },
  "eventbridge_schema_registry_cross_account_access/test_schemas_self_account": { ours: [] },
  "eventbridge_schema_registry_cross_account_access/test_schemas_other_account": {
    ours: ["external-access"],
  },
  "eventbridge_schema_registry_cross_account_access/test_schemas_asterisk_principal": {
    ours: ["public-access"],
  },
  "glacier_vaults_policy_public_access/test_vault_policy_pricipal_aws_list_asterisk": {
    ours: ["public-access"],
  },
  "glacier_vaults_policy_public_access/test_vault_policy_pricipal_asterisk": { ours: ["public-access"] },
  "glacier_vaults_policy_public_access/test_vault_policy_pricipal_canonical_user_asterisk": {
    ours: ["external-access"],
    why: WHY_CANONICAL_USER,
  },
  "glacier_vaults_policy_public_access/test_vault_policy_private": {
    ours: ["external-access"],
    note: "Not public (agrees). A CanonicalUser principal whose value is not a canonical id of a zone account is outside (§2).",
  },
  "iam_role_cross_account_readonlyaccess_policy/test_role_without_readonlyaccess_policy": {
    ours: [],
    note: "prowler's PASS is about the missing ReadOnlyAccess policy; the trust itself is same-account.",
  },
  "iam_role_cross_account_readonlyaccess_policy/test_internal_role_with_readonlyaccess_policy": { ours: [] },
  "iam_role_cross_account_readonlyaccess_policy/test_cross_account_role_with_readonlyaccess_policy": {
    ours: ["external-access", "missing-external-id"],
  },
  "iam_role_cross_account_readonlyaccess_policy/test_asterisk_cross_account_role_with_readonlyaccess_policy":
    {
      ours: ["public-access"],
    },
  "iam_role_cross_account_readonlyaccess_policy/test_only_aws_service_linked_roles": { ours: [] },
  "iam_role_cross_service_confused_deputy_prevention/test_only_aws_service_linked_roles": { ours: [] },
  "iam_role_cross_service_confused_deputy_prevention/test_iam_service_role_without_cross_service_confused_deputy_prevention":
    {
      ours: [],
      why: "docs/semantics.md#rules: ec2.amazonaws.com is exempt — EC2 assumes an instance role only for the account that owns the instance profile (iam:PassRole is same-account) and does not send aws:SourceArn/SourceAccount on that AssumeRole, so no condition could be added. prowler flags every service role without source keys (see prowler issue #2810).",
    },
  "iam_role_cross_service_confused_deputy_prevention/test_iam_service_role_with_cross_service_confused_deputy_prevention":
    { ours: [] },
  "iam_role_cross_service_confused_deputy_prevention/test_iam_service_role_with_cross_service_confused_deputy_prevention_stringlike":
    { ours: [] },
  "iam_role_cross_service_confused_deputy_prevention/test_iam_service_role_with_cross_service_confused_deputy_prevention_PrincipalAccount":
    {
      ours: [],
      note: "Agrees, for another reason: aws:PrincipalAccount is not a source key (§5), but it describes the caller — the service itself, never account 123456789012 — so the positive condition is false for the service and nothing is granted at all.",
    },
  "iam_role_cross_service_confused_deputy_prevention/test_iam_service_role_with_cross_service_confused_deputy_prevention_ResourceAccount":
    {
      ours: ["confused-deputy"],
      why: "docs/semantics.md#conditions and #rules: aws:ResourceAccount is the role's own account on every AssumeRole, so the condition is always true and confines nothing. prowler accepts it.",
    },
  "iam_role_cross_service_confused_deputy_prevention/test_iam_service_role_with_cross_service_confused_deputy_prevention_service_list":
    { ours: ["confused-deputy"] },
  "kms_key_not_publicly_accessible/test_kms_key_public_accessible": { ours: ["public-access"] },
  "kms_key_not_publicly_accessible/test_kms_key_public_accessible_with_describe_key": {
    ours: ["public-access"],
  },
  "kms_key_not_publicly_accessible/test_kms_key_public_accessible_with_decrypt": { ours: ["public-access"] },
  "kms_key_not_publicly_accessible/test_kms_key_empty_principal": {
    ours: ["public-access"],
    why: WHY_NO_PRINCIPAL,
  },
  "opensearch_service_domains_not_publicly_accessible/test_policy_data_restricted": { ours: [] },
  "opensearch_service_domains_not_publicly_accessible/test_policy_data_not_restricted_with_principal_AWS": {
    ours: ["public-access"],
  },
  "opensearch_service_domains_not_publicly_accessible/test_policy_data_not_restricted_with_principal_no_AWS":
    {
      ours: ["public-access"],
    },
  "opensearch_service_domains_not_publicly_accessible/test_policy_data_not_restricted_ip_full": {
    ours: ["public-access"],
  },
  "opensearch_service_domains_not_publicly_accessible/test_policy_data_not_restricted_whole_internet": {
    ours: ["public-access"],
  },
  "opensearch_service_domains_not_publicly_accessible/test_policy_data_not_restricted_with_trusted_ips": {
    ours: ["external-access"],
  },
  "opensearch_service_domains_not_publicly_accessible/test_policy_data_not_restricted_with_trusted_ips_partial_match":
    {
      ours: ["external-access"],
      why: "Same policy as the previous case; prowler's FAIL comes from its trusted-IP configuration, not from the policy. docs/semantics.md#conditions: two /32 addresses confine '*' to a network → external-access, never public; trustscan has no trusted-IP list.",
    },
  "s3_bucket_cross_account_access/test_bucket_policy_allow_delete": { ours: ["public-access"] },
  "s3_bucket_cross_account_access/test_bucket_policy_allow_multiple_other_accounts": {
    ours: ["public-access"],
  },
  "s3_bucket_cross_account_access/test_bucket_policy_allow_same_account": { ours: [] },
  "s3_bucket_policy_public_write_access/test_bucket_policy_but_account_RestrictPublicBuckets": {
    ours: [],
    note: "Deny-only policy; prowler's PASS comes from Block Public Access.",
  },
  "s3_bucket_policy_public_write_access/test_bucket_policy_but_bucket_RestrictPublicBuckets": { ours: [] },
  "s3_bucket_policy_public_write_access/test_bucket_comply_policy": { ours: [] },
  "s3_bucket_policy_public_write_access/test_bucket_public_write_policy": { ours: ["public-access"] },
  "s3_bucket_policy_public_write_access/test_bucket_public_get_asterisk_policy": {
    ours: ["public-access"],
    why: "Scope, not a bug: prowler's check is about public write only; docs/semantics.md#rules public-access covers any action granted to anyone, and s3:Get* to '*' is public read.",
  },
  "s3_bucket_public_access/test_bucket_public_policy": { ours: ["public-access"] },
  "s3_bucket_public_access/test_bucket_not_public_due_to_policy_conditions_from_vpc": {
    ours: ["external-access"],
    note: "Not public (agrees); a network-confined grant is external (§5).",
  },
  "s3_bucket_public_access/test_bucket_not_public_due_to_policy_conditions_from_private_ip": {
    ours: ["external-access"],
  },
  "s3_bucket_public_access/test_bucket_public_due_to_policy_conditions_from_public_ip": {
    ours: ["external-access"],
    why: WHY_PUBLIC_IP,
  },
  "s3_bucket_public_access/test_bucket_public_due_to_policy_conditions_from_public_and_private_ips": {
    ours: ["external-access"],
    why: WHY_PUBLIC_IP,
  },
  "s3_bucket_public_access/test_bucket_public_with_aws_principals": { ours: ["public-access"] },
  "secretsmanager_not_publicly_accessible/test_secret_public_policy": { ours: ["public-access"] },
  "sns_topics_not_publicly_accessible/test_topic_not_public": { ours: [] },
  "sns_topics_not_publicly_accessible/test_topic_public_with_condition": { ours: [] },
  "sns_topics_not_publicly_accessible/test_topic_public_with_default_condition": { ours: [] },
  "sns_topics_not_publicly_accessible/test_topic_public": { ours: ["public-access"] },
  "sns_topics_not_publicly_accessible/test_topic_public_with_principal_organization": {
    ours: ["external-access"],
    note: "Not public (agrees); in the account zone the organization's other accounts are outside.",
  },
  "sns_topics_not_publicly_accessible/test_topic_public_not_with_principal_organization": {
    ours: [],
    why: WHY_LITERAL_ORG,
  },
  "sns_topics_not_publicly_accessible/test_topic_public_with_principal_account_and_organization": {
    ours: [],
    note: "aws:SourceAccount = owner AND aws:PrincipalOrgID: confined to the owner (AND across keys).",
  },
  "sns_topics_not_publicly_accessible/test_topic_public_with_source_arn_restriction": {
    ours: ["external-access"],
    note: "Not public (agrees); a bucket ARN carries no account → unknown account, outside.",
  },
  "sns_topics_not_publicly_accessible/test_topic_public_with_invalid_source_arn": {
    ours: [],
    note: 'Agrees: ArnLike against "invalid-arn-format" (not an ARN) matches no request, so nothing is granted.',
  },
  "sns_topics_not_publicly_accessible/test_topic_public_with_unrestricted_source_arn_wildcard": {
    ours: ["confused-deputy"],
    why: WHY_SOURCE_WILDCARD,
  },
  "sns_topics_not_publicly_accessible/test_topic_public_with_unrestricted_source_arn_service_wildcard": {
    ours: ["confused-deputy"],
    why: WHY_SOURCE_WILDCARD,
  },
  "sns_topics_not_publicly_accessible/test_topic_public_with_unrestricted_source_arn_multi_wildcard": {
    ours: ["confused-deputy"],
    why: WHY_SOURCE_WILDCARD,
  },
  "sqs_queues_not_publicly_accessible/test_queues_not_public": { ours: [] },
  "sqs_queues_not_publicly_accessible/test_queues_public": { ours: ["public-access"] },
  "sqs_queues_not_publicly_accessible/test_queues_public_with_condition_not_valid": {
    ours: ["public-access"],
  },
  "sqs_queues_not_publicly_accessible/test_queues_public_with_condition_valid": { ours: [] },
  "sqs_queues_not_publicly_accessible/test_queues_public_with_condition_valid_with_other_account": {
    ours: ["external-access"],
    note: "Not public (agrees); services acting for 111122223333 are outside the zone.",
  },
  "sqs_queues_not_publicly_accessible/test_queues_public_with_condition_with_invalid_block": {
    ours: ["public-access"],
  },
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_full_access": { ours: ["public-access"] },
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_trusted_account_arn": { ours: [] },
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_trusted_account_id": { ours: [] },
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_untrusted_account": {
    ours: ["external-access"],
  },
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_config_trusted_account_with_arn": {
    ours: [],
  },
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_config_trusted_account": { ours: [] },
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_two_account_ids_one_trusted_one_not": {
    ours: ["external-access"],
  },
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_aws_principal_all": {
    ours: ["public-access"],
  },
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_aws_principal_all_but_restricted_condition_with_SourceAccount":
    { ours: [] },
  "vpc_endpoint_connections_trust_boundaries/test_vpc_endpoint_with_aws_principal_all_but_restricted_condition_with_PrincipalAccount":
    { ours: [] },
};

const failsForUs = (mapping: Mapping, ours: RuleId[]): boolean => {
  switch (mapping) {
    case "public":
      return has(ours, "public-access");
    case "cross-account":
      return has(ours, "public-access") || has(ours, "external-access");
    case "confused-deputy":
      return has(ours, "confused-deputy");
  }
};

const checkCases = Object.entries(CHECKS).flatMap(([check, config]) =>
  readFixtureJson<{ cases: CheckCase[] }>(`prowler/checks/${check}.cases.json`).cases.map((c) => ({
    id: `${check}/${c.test}`,
    check,
    config,
    c,
  })),
);

const checkComparisons: Comparison[] = checkCases
  .filter(({ id }) => !EXTRACTION_ARTEFACTS.has(id))
  .map(({ id, config, c }) => {
    const verdict = CHECK_OURS[id];
    if (verdict === undefined) throw new Error(`no verdict for prowler check case ${id}`);
    if (c.policies.length !== 1) throw new Error(`${id}: expected one policy, got ${c.policies.length}`);
    const theirFail = c.expected_status.includes("FAIL");
    const run: PolicyCase =
      config.resource === "role"
        ? {
            resource: "role",
            policy: c.policies[0],
            zone: "account",
            accountId: OWNER,
            organization: ORGANIZATION,
            ...(SERVICE_LINKED.has(id)
              ? { rolePath: "/aws-service-role/ec2.amazonaws.com/", roleName: "AWSServiceRoleForEC2Example" }
              : {}),
          }
        : bucketRun(asBucketPolicy(c.policies[0], !config.keepActions), {
            ...(TRUSTED_ACCOUNTS[id] ? { trustedAccounts: TRUSTED_ACCOUNTS[id] } : {}),
          });
    return {
      id,
      theirs: c.result_count === 0 ? "no result (skipped by the check)" : c.expected_status.join(","),
      run,
      ...verdict,
      agrees: failsForUs(config.mapping, verdict.ours) === theirFail,
    };
  });

it("prowler: every labelled case has a verdict or is listed as skipped", () => {
  expect(Object.keys(LIBRARY_OURS).sort()).toEqual(libraryInScope.map((c) => c.id).sort());
  const checkIds = checkCases.map(({ id }) => id).filter((id) => !EXTRACTION_ARTEFACTS.has(id));
  expect(Object.keys(CHECK_OURS).sort()).toEqual(checkIds.sort());
});

compareWith("prowler", [...libraryComparisons, ...checkComparisons]);
