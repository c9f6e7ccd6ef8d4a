import pkg from "../../package.json" with { type: "json" };

export const TOOL = {
  name: "trustscan",
  version: pkg.version,
  informationUri: pkg.homepage,
} as const;
