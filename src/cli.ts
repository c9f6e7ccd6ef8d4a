// Placeholder entry point; replaced by the commander CLI.
console.log("trustscan");
