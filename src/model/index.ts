export type * from "./location.js";
export type * from "./policy.js";
export type * from "./resource.js";
export type * from "./snapshot.js";
