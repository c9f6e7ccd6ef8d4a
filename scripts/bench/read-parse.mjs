// The benchmark's baseline: a plain read and JSON.parse of every file of a snapshot, one file at a time, as
// fast as Node can do it. The scan is measured against this, on the same files, in the same run.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node read-parse.mjs <snapshot directory>");
const files = [
  "snapshot.json",
  "organization.json",
  ...readdirSync(join(dir, "accounts")).map((name) => join("accounts", name)),
];
let keys = 0;
for (const file of files) keys += Object.keys(JSON.parse(readFileSync(join(dir, file), "utf8"))).length;
process.stdout.write(`${files.length} files, ${keys} top-level keys\n`);
