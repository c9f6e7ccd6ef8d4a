/**
 * Deny statements that cover a grant only together: `Deny s3:* NotResource b/a` and `Deny s3:GetObject NotResource
 * b/b` leave nothing of `Allow s3:GetObject b/*`. A request is denied when any Deny matches it, so a grant is
 * cancelled for a caller when the Denies that certainly apply to the caller and take in the action cover, between
 * them, every resource of the grant: the grant's resources that escape every NotResource Deny (an intersection)
 * must lie inside the Resource patterns of the others (a union).
 */
import type { Caller } from "./callers.js";
import type { Control } from "./controls.js";
import type { EvaluationContext } from "./key-values.js";
import type { Glob } from "./patterns/glob.js";
import { intersectionCoveredBy } from "./patterns/relations.js";
import { deniedResourcePatterns } from "./actions.js";
import { pattern, widenVariables } from "./wildcard.js";

/** Past this many ways to pick one NotResource pattern from each Deny, the combination is not tried. */
const MAX_COMBINATIONS = 256;

export class CombinedDenies {
  private readonly decided = new Map<string, boolean>();
  /** Whether two Deny statements at all could cover the grant together (else nothing needs looking at). */
  private readonly possible: boolean;

  constructor(
    private readonly controls: readonly Control[],
    private readonly grantResources: readonly string[],
    private readonly ctx: EvaluationContext,
  ) {
    let withParts = 0;
    for (const control of controls) if (control.parts) withParts += 1;
    this.possible = withParts >= 2;
  }

  /** The Deny statements that together deny this caller the action on every resource of the grant, or none. */
  deniedBy(caller: Caller, action: string): Control[] {
    if (!this.possible) return [];
    const applying = this.controls.filter(
      (c) => c.parts !== undefined && c.parts.coversAction(action) && c.parts.appliesTo(caller),
    );
    if (applying.length < 2) return [];
    const key = `${action}\n${applying.map((c) => this.controls.indexOf(c)).join(",")}`;
    let covered = this.decided.get(key);
    if (covered === undefined) {
      covered = this.coverTogether(applying, action);
      this.decided.set(key, covered);
    }
    return covered ? applying : [];
  }

  private coverTogether(applying: readonly Control[], action: string): boolean {
    const inside = deniedResourcePatterns(applying.flatMap((c) => c.parts?.resources ?? []));
    const exclusions = applying
      .map((c) => c.parts?.notResources)
      .filter((list): list is readonly string[] => list !== undefined)
      .map((list) => list.map((p) => pattern(widenVariables(p))));
    if (applying.some((c) => !c.parts?.resources && !c.parts?.notResources)) return true;
    const picks = combinations(exclusions);
    if (picks === undefined) return false;
    return this.grantResources.every((resource) =>
      this.ctx
        .resourceScopes(action)
        .every((scope) =>
          picks.every((pick) =>
            intersectionCoveredBy([pattern(resource), scope, ...pick], inside, this.ctx.budget),
          ),
        ),
    );
  }
}

/** Every way to pick one pattern from each list (the intersection of unions, as a union of intersections). */
function combinations(lists: readonly (readonly Glob[])[]): Glob[][] | undefined {
  let result: Glob[][] = [[]];
  for (const list of lists) {
    if (result.length * list.length > MAX_COMBINATIONS) return undefined;
    result = result.flatMap((picked) => list.map((glob) => [...picked, glob]));
  }
  return result;
}
