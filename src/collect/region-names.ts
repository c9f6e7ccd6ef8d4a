/**
 * Region names as `--regions` takes them. Checked by their shape, not against a list of known regions: AWS opens
 * new regions (and partitions) more often than this tool is released, and a region that exists but is not enabled
 * for an account is found out per account (DescribeRegions) and recorded there.
 */
// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-northwest-1`, `us-isob-east-1`, `eusc-de-east-1`.
const REGION_NAME = /^[a-z]{2,4}(-[a-z]{2,10}){1,3}-\d{1,2}$/;

export function isRegionName(text: string): boolean {
  return REGION_NAME.test(text);
}

/**
 * `eu-west-1,us-east-1`: the names, trimmed, without duplicates, in the order given; or the names that are not
 * region names (none when the list is empty).
 */
export function parseRegionNames(text: string): { regions: string[] } | { invalid: string[] } {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const invalid = names.filter((name) => !isRegionName(name));
  if (names.length === 0 || invalid.length > 0) return { invalid };
  return { regions: [...new Set(names)] };
}
