/**
 * What an AWS region name looks like: `eu-west-1`, `us-gov-west-1`, `eusc-de-east-1`. A shape, not a list, so that
 * a region AWS opens after this release is still read.
 */
const REGION_NAME = /^[a-z]{2,4}(?:-[a-z]+){1,2}-\d{1,2}$/;

export const EXPECTED_REGION_NAME = "an AWS region name such as eu-west-1";

export function isRegionName(text: string): boolean {
  return REGION_NAME.test(text);
}

/**
 * The partition of each region prefix, longest prefix first (the `regionRegex` of each partition in the AWS SDKs'
 * endpoint partitions data); every other region is in `aws`.
 */
const PARTITIONS: readonly (readonly [prefix: string, partition: string])[] = [
  ["us-gov-", "aws-us-gov"],
  ["us-isob-", "aws-iso-b"],
  ["us-isof-", "aws-iso-f"],
  ["us-iso-", "aws-iso"],
  ["eu-isoe-", "aws-iso-e"],
  ["eusc-", "aws-eusc"],
  ["cn-", "aws-cn"],
];

/** The partition of a region, for the ARNs AWS does not return and the reader writes itself. */
export function partitionOfRegion(region: string): string {
  return PARTITIONS.find(([prefix]) => region.startsWith(prefix))?.[1] ?? "aws";
}
