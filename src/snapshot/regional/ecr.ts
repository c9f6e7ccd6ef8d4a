import { plainPolicyResourceReader } from "./plain-policy-resource.js";

/** `ecr.Repositories`: DescribeRepositories and GetRepositoryPolicy. ARN: `arn:aws:ecr:<region>:<account>:repository/<name>`. */
export const readRepository = plainPolicyResourceReader({
  type: "AWS::ECR::Repository",
  entry: 'a repository object such as {"repositoryArn": "...", "repositoryName": "...", "Policy": {...}}',
  arnKey: "repositoryArn",
  arn: {
    what: "an ECR repository ARN",
    service: "ecr",
    resource: /^repository\/(.+)$/,
    example: "repository/<name>",
  },
  nameKey: "repositoryName",
  policyKey: "Policy",
  policyKind: "repository-policy",
});
