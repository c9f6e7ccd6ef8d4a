import type { RoleHandoverFact, ServicePrincipalFact, SourceKey } from "./service-principals.js";
import { IAM_CONFUSED_DEPUTY_STS, IAM_PASS_ROLE_SAME_ACCOUNT } from "./source-ref.js";

/** An entry of the table below; `roleHandover` comes from `ROLE_HANDOVER_LIST`. */
type ListedFact = Omit<ServicePrincipalFact, "roleHandover">;

const BOTH_KEYS: readonly SourceKey[] = ["aws:SourceAccount", "aws:SourceArn"];

/**
 * A service whose documentation shows aws:SourceArn / aws:SourceAccount in the trust policy of the role it assumes:
 * the keys are sent on AssumeRole, so the role can and should be confined with `keys`.
 */
function confinable(
  principal: string,
  keys: readonly SourceKey[],
  reason: string,
  source: ServicePrincipalFact["source"],
  seeAlso?: ServicePrincipalFact["seeAlso"],
): ListedFact {
  return {
    principal,
    exemptForRoleTrust: false,
    sendsSourceKeysOnAssumeRole: "yes",
    sourceKeysForRoleTrust: keys,
    reason,
    source,
    ...(seeAlso ? { seeAlso } : {}),
  };
}

/**
 * A service for which no documentation was found either way: not exempt (the rule reports, and can say that the
 * service's support for the source keys is unverified).
 */
function unverified(
  principal: string,
  reason: string,
  source: ServicePrincipalFact["source"] = IAM_CONFUSED_DEPUTY_STS,
  seeAlso?: ServicePrincipalFact["seeAlso"],
): ListedFact {
  return {
    principal,
    exemptForRoleTrust: false,
    sendsSourceKeysOnAssumeRole: "unknown",
    sourceKeysForRoleTrust: [],
    reason,
    source,
    ...(seeAlso ? { seeAlso } : {}),
  };
}

const NOT_FOUND =
  "No documentation was found that shows aws:SourceArn/aws:SourceAccount in this role's trust policy";
const UNVERIFIED = `${NOT_FOUND} or says they are unsupported; support is unverified, so the role is not exempt.`;
const SERVICE_LINKED =
  "The service has a service-linked role (path /aws-service-role/), which the rule exempts by path; " +
  "for any other role the support for source keys is unverified, so it is not exempt.";

/** Looked up one by one; each entry names the page it rests on. In alphabetical order of service name. */
export const SERVICE_PRINCIPAL_FACT_LIST: readonly ListedFact[] = [
  unverified(
    "access-analyzer.amazonaws.com",
    `${UNVERIFIED} The policy-generation service role is documented without conditions.`,
    {
      title: "IAM Access Analyzer policy generation - AWS Identity and Access Management",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html",
      quote: '"Principal": { "Service": "access-analyzer.amazonaws.com" }, "Action": "sts:AssumeRole"',
    },
  ),
  unverified("apigateway.amazonaws.com", UNVERIFIED),
  unverified("application-autoscaling.amazonaws.com", SERVICE_LINKED),
  confinable(
    "appsync.amazonaws.com",
    BOTH_KEYS,
    "AppSync documents data-source role trust policies pinned with aws:SourceAccount or aws:SourceArn (API ARN).",
    {
      title: "Attaching a data source in AWS AppSync - AWS AppSync",
      url: "https://docs.aws.amazon.com/appsync/latest/devguide/attaching-a-data-source.html",
      quote:
        "Alternatively, you can limit access to a data source to a specific API, such as abcdefghijklmnopq, using " +
        'the following policy: ... "aws:SourceArn": "arn:aws:appsync:us-west-2:123456789012:apis/abcdefghijklmnopq"',
    },
  ),
  confinable(
    "autoscaling.amazonaws.com",
    BOTH_KEYS,
    "EC2 Auto Scaling documents aws:SourceArn/aws:SourceAccount in the trust policy of its service roles " +
      "(lifecycle-hook notification roles); its service-linked role is exempt by path anyway.",
    {
      title: "Cross-service confused deputy prevention - Amazon EC2 Auto Scaling",
      url: "https://docs.aws.amazon.com/autoscaling/ec2/userguide/cross-service-confused-deputy-prevention.html",
      quote:
        "We recommend using the aws:SourceArn and aws:SourceAccount global condition context keys in trust " +
        "policies for Amazon EC2 Auto Scaling service roles.",
    },
  ),
  unverified("backup.amazonaws.com", UNVERIFIED),
  confinable(
    "batch.amazonaws.com",
    BOTH_KEYS,
    "AWS Batch documents service-role trust policies pinned with aws:SourceAccount and aws:SourceArn (compute environment, job).",
    {
      title: "Cross-service confused deputy prevention - AWS Batch",
      url: "https://docs.aws.amazon.com/batch/latest/userguide/cross-service-confused-deputy-prevention.html",
      quote: "The following role can only be used to access one compute environment.",
    },
  ),
  confinable(
    "bedrock.amazonaws.com",
    BOTH_KEYS,
    "Amazon Bedrock documents aws:SourceAccount and aws:SourceArn (job ARNs) in the trust policy of its service roles.",
    {
      title: "Create a service role for model customization - Amazon Bedrock",
      url: "https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-iam-role.html",
      quote:
        "You can optionally restrict the scope of the permission for cross-service confused deputy prevention by " +
        "using one or more global condition context keys with the Condition field.",
    },
  ),
  confinable(
    "cloudformation.amazonaws.com",
    BOTH_KEYS,
    "CloudFormation StackSets sends aws:SourceAccount and aws:SourceArn (the stack set ARN) when it assumes the " +
      "stack set administration role; no documentation was found for the stack service role.",
    {
      title: "Grant self-managed permissions - AWS CloudFormation",
      url: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html",
      quote:
        "When StackSets assumes the Administration role in your administrator account, StackSets populates your " +
        "administrator account ID and StackSets Amazon Resource Name (ARN).",
    },
  ),
  unverified(
    "cloudtrail.amazonaws.com",
    `${NOT_FOUND} (CloudTrail documents the keys for resource policies only); a Prowler user reported that adding them ` +
      "broke CloudTrail delivery to CloudWatch Logs. Unverified, so not exempt.",
    {
      title: "Cross-service confused deputy prevention - AWS CloudTrail",
      url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cross-service-confused-deputy-prevention.html",
      quote:
        "The value of aws:SourceArn must be the ARN of the trail, event data store, or channel that is using the resource.",
    },
    [
      {
        title:
          "iam_role_cross_service_confused_deputy_prevention remediation broke specific process (prowler #4714)",
        url: "https://github.com/prowler-cloud/prowler/issues/4714",
        quote:
          "Prowlers solution works on some roles but for cloudtrail to cloudwatch process that a role will handle it breaks.",
      },
    ],
  ),
  confinable(
    "codebuild.amazonaws.com",
    ["aws:SourceArn"],
    "CodeBuild includes aws:SourceArn (the build project) in the request context when it assumes its service role; " +
      "shown by AWS Labs' deployment framework, not by the CodeBuild User Guide.",
    {
      title: "Fix CodeBuild assume role to generate parameters (awslabs/aws-deployment-framework #247)",
      url: "https://github.com/awslabs/aws-deployment-framework/pull/247",
      quote:
        "This was only available when it assumed into the adf-codebuild-role by the AWS CodeBuild service.",
    },
  ),
  unverified("codedeploy.amazonaws.com", UNVERIFIED),
  unverified("codepipeline.amazonaws.com", UNVERIFIED),
  confinable(
    "config.amazonaws.com",
    BOTH_KEYS,
    "AWS Config documents AWS:SourceAccount and AWS:SourceArn (configuration recorder) in the trust policy of its role.",
    {
      title: "Permissions for the IAM Role Assigned to AWS Config - AWS Config",
      url: "https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html",
      quote:
        "You can use the AWS:SourceAccount condition in the IAM Role Trust relationship above to restrict the Config " +
        "service principal to only interact with the AWS IAM Role when performing operations on behalf of specific accounts.",
    },
  ),
  unverified("datapipeline.amazonaws.com", UNVERIFIED),
  confinable(
    "datasync.amazonaws.com",
    BOTH_KEYS,
    "DataSync documents aws:SourceAccount and aws:SourceArn (location ARN) in the trust policy of the role it assumes.",
    {
      title: "Cross-service confused deputy prevention - AWS DataSync",
      url: "https://docs.aws.amazon.com/datasync/latest/userguide/cross-service-confused-deputy-prevention.html",
      quote:
        "The value of aws:SourceArn must include the DataSync location ARN with which DataSync is allowed to assume the IAM role.",
    },
  ),
  unverified("delivery.logs.amazonaws.com", UNVERIFIED),
  confinable(
    "dms.amazonaws.com",
    BOTH_KEYS,
    "AWS DMS documents AWS:SourceAccount and AWS:SourceArn in the trust policy of dms-vpc-role and its other roles " +
      "(replication engine 3.4.7 and later).",
    {
      title: "Cross-service confused deputy prevention - AWS Database Migration Service",
      url: "https://docs.aws.amazon.com/dms/latest/userguide/cross-service-confused-deputy-prevention.html",
      quote: "AWS DMS supports confused deputy options starting from the 3.4.7 version and higher.",
    },
  ),
  {
    principal: "ec2.amazonaws.com",
    exemptForRoleTrust: true,
    sendsSourceKeysOnAssumeRole: "unknown",
    sourceKeysForRoleTrust: [],
    reason:
      "EC2 assumes an instance-profile role only for instances of the role's own account (the role is passed with " +
      "iam:PassRole, which works only within one account), and AWS documents its trust policy without source keys. " +
      "Exempt per docs/semantics.md#rules.",
    source: IAM_PASS_ROLE_SAME_ACCOUNT,
    seeAlso: [
      {
        title: "IAM roles for Amazon EC2 - Amazon Elastic Compute Cloud",
        url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html",
        quote: "Amazon EC2 uses an instance profile as a container for an IAM role.",
      },
    ],
  },
  unverified("ecs.amazonaws.com", SERVICE_LINKED),
  confinable(
    "ecs-tasks.amazonaws.com",
    BOTH_KEYS,
    "Amazon ECS documents aws:SourceAccount/aws:SourceArn in the trust policy of task roles and task execution roles.",
    {
      title: "Amazon ECS task IAM role - Amazon Elastic Container Service",
      url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
      quote:
        "It is recommended that you use the aws:SourceAccount or aws:SourceArn condition keys to scope the " +
        "permissions further to prevent the confused deputy security issue. These condition keys can be specified " +
        "in the trust relationship or in the IAM policy associated with the role.",
    },
  ),
  unverified("edgelambda.amazonaws.com", UNVERIFIED),
  unverified(
    "eks.amazonaws.com",
    `${NOT_FOUND}: EKS's confused-deputy page names the cluster ARN as aws:SourceArn but shows a resource policy, ` +
      "and the cluster role is documented without conditions. Unverified, so not exempt.",
    {
      title: "Cross-service confused deputy prevention - Amazon EKS",
      url: "https://docs.aws.amazon.com/eks/latest/userguide/cross-service-confused-deputy-prevention.html",
      quote: "The value of aws:SourceArn must be your cluster Amazon Resource Name (ARN).",
    },
  ),
  confinable(
    "eks-fargate-pods.amazonaws.com",
    ["aws:SourceArn"],
    "EKS documents aws:SourceArn (Fargate profile ARN) in the trust policy of the Fargate Pod execution role.",
    {
      title: "Amazon EKS Pod execution IAM role - Amazon EKS",
      url: "https://docs.aws.amazon.com/eks/latest/userguide/pod-execution-role.html",
      quote:
        '"Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:eks:region-code:111122223333:fargateprofile/my-cluster/*" } }, ' +
        '"Principal": { "Service": "eks-fargate-pods.amazonaws.com" }',
    },
  ),
  unverified(
    "elasticbeanstalk.amazonaws.com",
    `${NOT_FOUND}. Elastic Beanstalk's service role pins sts:ExternalId to the fixed, public value "elasticbeanstalk", ` +
      "which does not confine the caller. Unverified, so not exempt.",
    {
      title: "Managing Elastic Beanstalk service roles - AWS Elastic Beanstalk",
      url: "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/iam-servicerole.html",
      quote: '"Condition": { "StringEquals": { "sts:ExternalId": "elasticbeanstalk" } }',
    },
  ),
  confinable(
    "elasticmapreduce.amazonaws.com",
    BOTH_KEYS,
    "Amazon EMR documents aws:SourceAccount and aws:SourceArn (arn:aws:elasticmapreduce:<region>:<account>:*) in the " +
      "trust policy of its service roles.",
    {
      title: "Create an EMR Studio service role - Amazon EMR",
      url: "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-studio-service-role.html",
      quote:
        "global condition keys to limit the permissions that you give EMR Studio to particular resources in your " +
        "account. Doing so can protect you against the confused deputy problem.",
    },
  ),
  confinable(
    "events.amazonaws.com",
    BOTH_KEYS,
    "EventBridge documents aws:SourceArn (the rule ARN) and aws:SourceAccount for the roles it assumes to reach rule targets.",
    {
      title: "Cross-service confused deputy prevention in Amazon EventBridge - Amazon EventBridge",
      url: "https://docs.aws.amazon.com/eventbridge/latest/userguide/cross-service-confused-deputy-prevention.html",
      quote: "For EventBridge event bus rule targets, the value of aws:SourceArn must be the rule ARN.",
    },
  ),
  unverified(
    "firehose.amazonaws.com",
    `${NOT_FOUND}. Firehose documents sts:ExternalId set to the account ID instead, which docs/semantics.md does not ` +
      "count as confinement. Unverified, so not exempt.",
    {
      title: "Controlling access with Amazon Data Firehose - Amazon Data Firehose",
      url: "https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html",
      quote:
        "Edit the policy to replace account-id with your AWS account ID. This ensures that only you can request " +
        "Kinesis Data Firehose to assume the IAM role.",
    },
  ),
  unverified("glue.amazonaws.com", UNVERIFIED),
  unverified("guardduty.amazonaws.com", SERVICE_LINKED),
  confinable(
    "iot.amazonaws.com",
    BOTH_KEYS,
    "AWS IoT documents aws:SourceAccount and aws:SourceArn (rule ARN) in the trust policy of the role its rules assume.",
    {
      title: "Cross-service confused deputy prevention - AWS IoT Core",
      url: "https://docs.aws.amazon.com/iot/latest/developerguide/cross-service-confused-deputy-prevention.html",
      quote:
        "The following example shows how to prevent the confused deputy problem by using the aws:SourceArn and " +
        "aws:SourceAccount global condition context keys in the AWS IoT role trust policy.",
    },
  ),
  unverified("lakeformation.amazonaws.com", UNVERIFIED),
  confinable(
    "lambda.amazonaws.com",
    ["aws:SourceAccount"],
    "Lambda sends aws:SourceAccount when it assumes an execution role, as an AWS-published sample trust policy shows; " +
      "the Lambda Developer Guide itself documents no trust-policy conditions.",
    {
      title: "lambda-trust-policy.json - aws/agent-toolkit-for-aws (AWS-published sample)",
      url: "https://raw.githubusercontent.com/aws/agent-toolkit-for-aws/main/skills/specialized-skills/serverless-skills/deploying-custom-domain-rest-api/scripts/lambda-trust-policy.json",
      quote:
        '"Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole", ' +
        '"Condition": { "StringEquals": { "aws:SourceAccount": "ACCOUNT_ID" } }',
    },
    [
      {
        title: "Using source function ARN to control function access behavior - AWS Lambda",
        url: "https://docs.aws.amazon.com/lambda/latest/dg/permissions-source-function-arn.html",
        quote: "Lambda generates an ephemeral set of credentials by assuming your function's execution role.",
      },
    ],
  ),
  confinable(
    "logs.amazonaws.com",
    ["aws:SourceArn"],
    "CloudWatch Logs documents aws:SourceArn in the trust policy of the role it assumes to write subscription data " +
      "to Kinesis Data Streams and Firehose.",
    {
      title: "Confused deputy prevention - Amazon CloudWatch Logs",
      url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Subscriptions-confused-deputy.html",
      quote:
        "The policies documented for granting access to CloudWatch Logs to write data to Kinesis Data Streams and " +
        "Firehose in Step 1: Create a destination and Step 2: Create a destination show how you can use the " +
        "aws:SourceArn global condition context key to help prevent the confused deputy problem.",
    },
  ),
  unverified(
    "member.org.stacksets.cloudformation.amazonaws.com",
    "Principal of the service-linked role AWSServiceRoleForCloudFormationStackSetsOrgMember (path /aws-service-role/), " +
      "which the rule exempts by path; for any other role the support for source keys is unverified.",
  ),
  unverified("monitoring.rds.amazonaws.com", `${UNVERIFIED} (RDS Enhanced Monitoring role.)`, {
    title: "Grant a user permissions to pass a role to an AWS service - AWS Identity and Access Management",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
    quote:
      "The role automatically gets a trust policy that grants the monitoring.rds.amazonaws.com service permissions to assume the role.",
  }),
  unverified("organizations.amazonaws.com", SERVICE_LINKED),
  confinable(
    "personalize.amazonaws.com",
    BOTH_KEYS,
    "Amazon Personalize documents aws:SourceArn and aws:SourceAccount in the trust policy of the role it assumes.",
    {
      title: "Cross-service confused deputy prevention - Amazon Personalize",
      url: "https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html",
      quote:
        "To prevent the confused deputy problem in roles assumed by Amazon Personalize, in the role's trust policy " +
        "set the value of aws:SourceArn to arn:aws:personalize:region:accountNumber:*.",
    },
  ),
  unverified(
    "pods.eks.amazonaws.com",
    `${NOT_FOUND}: EKS Pod Identity documents session-tag conditions (aws:RequestTag/eks-cluster-arn, ` +
      "kubernetes-namespace, kubernetes-service-account) instead. Unverified, so not exempt.",
    {
      title: "Create IAM role with trust policy required by EKS Pod Identity - Amazon EKS",
      url: "https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html",
      quote:
        "You can use these tags in the condition keys in the trust policy to restrict which service accounts, " +
        "namespaces, and clusters can use this role.",
    },
  ),
  confinable(
    "rds.amazonaws.com",
    BOTH_KEYS,
    "Amazon RDS documents aws:SourceArn (DB instance/cluster ARN) and aws:SourceAccount in the trust policy of its service roles.",
    {
      title: "Preventing cross-service confused deputy problems - Amazon Relational Database Service",
      url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/cross-service-confused-deputy-prevention.html",
      quote:
        "The following example shows how you can use the aws:SourceArn and aws:SourceAccount global condition " +
        "context keys in Amazon RDS to prevent the confused deputy problem.",
    },
  ),
  unverified(
    "redshift.amazonaws.com",
    `${NOT_FOUND}. Redshift documents sts:ExternalId conditions (database-user ARNs) to restrict the role instead. ` +
      "Unverified, so not exempt.",
    {
      title: "Restricting access to IAM roles - Amazon Redshift",
      url: "https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service-database-users.html",
      quote:
        "Add a condition to the sts:AssumeRole action section of the trust relationship that limits the " +
        "sts:ExternalId field to values that you specify.",
    },
  ),
  unverified(
    "s3.amazonaws.com",
    `${UNVERIFIED} S3 documents the keys in bucket and resource policies (logging, inventory, notifications), not for ` +
      "the replication role's trust policy.",
  ),
  confinable(
    "sagemaker.amazonaws.com",
    ["aws:SourceArn"],
    "SageMaker AI documents aws:SourceArn (job ARNs) in the trust policy of its execution roles, per feature.",
    {
      title: "Cross-service confused deputy prevention - Amazon SageMaker AI",
      url: "https://docs.aws.amazon.com/sagemaker/latest/dg/security-confused-deputy-prevention.html",
      quote:
        "use the aws:SourceArn global condition key to prevent the cross-service confused deputy problem for " +
        "SageMaker training jobs created by account number 123456789012 in region us-west-2.",
    },
  ),
  confinable(
    "scheduler.amazonaws.com",
    BOTH_KEYS,
    "EventBridge Scheduler documents aws:SourceArn and aws:SourceAccount in the trust policy of the schedule execution role.",
    {
      title: "Confused deputy prevention in EventBridge Scheduler - EventBridge Scheduler",
      url: "https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html",
      quote:
        "We recommend using the aws:SourceArn and aws:SourceAccount global condition context keys in your schedule " +
        "execution role to limit the permissions that EventBridge Scheduler gives another service to access the resource.",
    },
  ),
  unverified("securityhub.amazonaws.com", SERVICE_LINKED),
  unverified("sns.amazonaws.com", UNVERIFIED),
  unverified("spotfleet.amazonaws.com", UNVERIFIED),
  confinable(
    "ssm.amazonaws.com",
    BOTH_KEYS,
    "Systems Manager documents aws:SourceAccount and aws:SourceArn in the trust policy of the hybrid-activation service role.",
    {
      title: "Cross-service confused deputy prevention - AWS Systems Manager",
      url: "https://docs.aws.amazon.com/systems-manager/latest/userguide/cross-service-confused-deputy-prevention.html",
      quote:
        "For service roles used in a hybrid activation, the value of aws:SourceArn must be the ARN of the AWS account.",
    },
  ),
  confinable(
    "ssm-incidents.amazonaws.com",
    ["aws:SourceArn"],
    "The IAM User Guide's own example: Incident Manager's service role confined with aws:SourceArn (incident record ARN).",
    {
      ...IAM_CONFUSED_DEPUTY_STS,
      quote:
        "In the following role trust policy example, you can use the aws:SourceArn condition key to restrict access " +
        "to the service role based on the incident record's ARN.",
    },
  ),
  unverified(
    "sso.amazonaws.com",
    "Principal of the service-linked role AWSServiceRoleForSSO (path /aws-service-role/), which the rule exempts by " +
      "path; for any other role the support for source keys is unverified.",
    {
      title: "Using service-linked roles for IAM Identity Center - AWS IAM Identity Center",
      url: "https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html",
      quote:
        "The AWSServiceRoleForSSO service-linked role trusts the following services to assume the role: IAM " +
        "Identity Center (service prefix: sso)",
    },
  ),
  confinable(
    "states.amazonaws.com",
    BOTH_KEYS,
    "Step Functions documents aws:SourceArn (state machine ARN) and aws:SourceAccount in the trust policy of the " +
      "state machine role.",
    {
      title: "Creating an IAM role for your state machine in Step Functions - AWS Step Functions",
      url: "https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html",
      quote: "Prevent cross-service confused deputy issue",
    },
  ),
  confinable(
    "transfer.amazonaws.com",
    BOTH_KEYS,
    "AWS Transfer Family documents aws:SourceAccount and aws:SourceArn (user, server, workflow, connector ARNs) in " +
      "the trust policy of its access, logging, invocation and workflow roles.",
    {
      title: "Cross-service confused deputy prevention - AWS Transfer Family",
      url: "https://docs.aws.amazon.com/transfer/latest/userguide/confused-deputy.html",
      quote: "The following example policy allows any user of any server in the account to assume the role.",
    },
  ),
  confinable(
    "vpc-flow-logs.amazonaws.com",
    BOTH_KEYS,
    "VPC Flow Logs documents aws:SourceAccount and aws:SourceArn (flow log ARN) in the trust policy of its role.",
    {
      title: "IAM role for publishing flow logs to CloudWatch Logs - Amazon Virtual Private Cloud",
      url: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html",
      quote:
        "We recommend that you use the aws:SourceAccount and aws:SourceArn condition keys to protect yourself " +
        "against the confused deputy problem.",
    },
  ),
];

const PASS_ROLE_MEANS =
  "iam:PassRole hands a role only to a service of the role's own account, so no other account can make the " +
  "service assume it.";

/**
 * How the listed services come to assume a role that trusts them (see `RoleHandover`). Only what a page says: a
 * service absent here is `unknown`, and the rule keeps its severity. In alphabetical order of service name.
 */
export const ROLE_HANDOVER_LIST: readonly RoleHandoverFact[] = [
  {
    principal: "cloudformation.amazonaws.com",
    kind: "without-pass-role",
    reason:
      "With the basic self-managed StackSets permissions, CloudFormation assumes the stack set administration role " +
      "without anyone passing it.",
    source: {
      title: "Grant self-managed permissions - AWS CloudFormation",
      url: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html",
      quote:
        "If you structure your permissions this way, users don't pass an administrator role when creating or " +
        "updating stack sets.",
    },
  },
  {
    principal: "codebuild.amazonaws.com",
    kind: "pass-role",
    reason: `A build project's service role is passed with iam:PassRole when the project is created or changed. ${PASS_ROLE_MEANS}`,
    source: {
      title: "Advanced setup - AWS CodeBuild",
      url: "https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up.html",
      quote:
        '"Sid": "CodeBuildRolePolicy", "Effect": "Allow", "Action": [ "iam:PassRole" ] ... The CodeBuildRolePolicy ' +
        "statement is required to allow a build project to be created or modified.",
    },
    seeAlso: [IAM_PASS_ROLE_SAME_ACCOUNT],
  },
  {
    principal: "ecs-tasks.amazonaws.com",
    kind: "pass-role",
    reason: `A task role is passed with iam:PassRole by whoever runs the task or service. ${PASS_ROLE_MEANS}`,
    source: {
      title: "Amazon ECS task IAM role - Amazon Elastic Container Service",
      url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
      quote:
        "In addition to the standard Amazon ECS permissions required to run tasks and services, IAM users also " +
        "require iam:PassRole permissions to use IAM roles for tasks.",
    },
    seeAlso: [IAM_PASS_ROLE_SAME_ACCOUNT],
  },
  {
    principal: "glue.amazonaws.com",
    kind: "pass-role",
    reason: `AWS Glue users pass the role Glue assumes with iam:PassRole. ${PASS_ROLE_MEANS}`,
    source: {
      title: "Step 3: Attach a policy to users or groups that access AWS Glue - AWS Glue",
      url: "https://docs.aws.amazon.com/glue/latest/dg/attach-policy-iam-user.html",
      quote:
        "AWS Glue needs permission to assume a role that is used to perform work on your behalf. To accomplish " +
        "this, you add the iam:PassRole permissions to your AWS Glue users.",
    },
    seeAlso: [IAM_PASS_ROLE_SAME_ACCOUNT],
  },
  {
    principal: "lambda.amazonaws.com",
    kind: "pass-role",
    reason: `A function's execution role is passed with iam:PassRole when it is assigned. ${PASS_ROLE_MEANS}`,
    source: {
      title: "Identity-based IAM policies for Lambda - AWS Lambda",
      url: "https://docs.aws.amazon.com/lambda/latest/dg/access-control-identity-based.html",
      quote: "PassRole is used when you assign an execution role to a function.",
    },
    seeAlso: [IAM_PASS_ROLE_SAME_ACCOUNT],
  },
  {
    principal: "sagemaker.amazonaws.com",
    kind: "pass-role",
    reason: `SageMaker AI execution roles are passed with iam:PassRole in the API calls that take them. ${PASS_ROLE_MEANS}`,
    source: {
      title: "How to use SageMaker AI execution roles - Amazon SageMaker AI",
      url: "https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html",
      quote: "You pass the role (iam:PassRole) when making these API calls",
    },
    seeAlso: [IAM_PASS_ROLE_SAME_ACCOUNT],
  },
  {
    principal: "scheduler.amazonaws.com",
    kind: "pass-role",
    reason:
      "Creating or updating a schedule requires iam:PassRole on its execution role (a dependent action in the " +
      `Service Authorization Reference). ${PASS_ROLE_MEANS}`,
    source: {
      title:
        "Actions, resources, and condition keys for Amazon EventBridge Scheduler - Service Authorization Reference",
      url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridgescheduler.html",
      quote:
        "CreateSchedule: Grants permission to create an Amazon EventBridge Scheduler schedule ... Dependent " +
        "actions: iam:PassRole",
    },
    seeAlso: [
      {
        title: "AmazonEventBridgeSchedulerFullAccess - AWS Managed Policy",
        url: "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEventBridgeSchedulerFullAccess.html",
        quote:
          '"Action" : "iam:PassRole", "Resource" : "arn:aws:iam::*:role/*", "Condition" : { "StringLike" : { ' +
          '"iam:PassedToService" : "scheduler.amazonaws.com" } }',
      },
      IAM_PASS_ROLE_SAME_ACCOUNT,
    ],
  },
  {
    principal: "ssm.amazonaws.com",
    kind: "pass-role",
    reason:
      "The user who runs an automation passes its assume role with iam:PassRole (AWS Quick Setup's roles for " +
      "ssm.amazonaws.com are such automation roles); the entry rests on the Automation page, the other Systems " +
      `Manager capabilities that take a service role were not checked page by page. ${PASS_ROLE_MEANS}`,
    source: {
      title: "Use IAM to configure roles for Automation - AWS Systems Manager",
      url: "https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-setup-iam.html",
      quote:
        "To configure user access and attach the iam:PassRole policy to a user account ... paste the ARN for the " +
        "Automation service role you copied at the end of Task 1",
    },
    seeAlso: [IAM_PASS_ROLE_SAME_ACCOUNT],
  },
  {
    principal: "states.amazonaws.com",
    kind: "pass-role",
    reason: `Creating a state machine requires iam:PassRole on its role. ${PASS_ROLE_MEANS}`,
    source: {
      title: "AWSStepFunctionsFullAccess - AWS Managed Policy",
      url: "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSStepFunctionsFullAccess.html",
      quote:
        "For full access, in addition to this policy, a user MUST have iam:PassRole permission on at least one IAM " +
        "role that can be assumed by the service.",
    },
    seeAlso: [
      {
        title:
          "Actions, resources, and condition keys for AWS Step Functions - Service Authorization Reference",
        url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_stepfunctions.html",
        quote: "CreateStateMachine ... iam:PassRole ... iam:PassedToService ... states.amazonaws.com",
      },
      IAM_PASS_ROLE_SAME_ACCOUNT,
    ],
  },
];
