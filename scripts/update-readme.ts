import { readFile, writeFile } from "node:fs/promises";
import { fillSections, generatedSections } from "./readme-sections.js";

const readme = await readFile("README.md", "utf8");
await writeFile("README.md", fillSections(readme, await generatedSections()));
console.log("README.md: rule table and example output regenerated");
