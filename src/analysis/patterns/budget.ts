/**
 * A per-resource allowance of analysis work. Policies are written by any account owner in the organization, so
 * every step that grows with a policy's size is charged here; when the allowance runs out the resource's
 * analysis stops and the resource is reported conservatively instead of stalling the scan.
 */
export class WorkBudget {
  private spent = 0;

  constructor(readonly limit: number) {}

  /** Charges `units` of work; throws BudgetExceeded once the allowance is used up. */
  charge(units: number): void {
    this.spent += units;
    if (this.spent > this.limit) throw new BudgetExceeded(this.limit);
  }

  get used(): number {
    return this.spent;
  }
}

export class BudgetExceeded extends Error {
  constructor(readonly limit: number) {
    super(`analysis budget of ${limit} work units exceeded`);
    this.name = "BudgetExceeded";
  }
}

/**
 * Units one resource may spend: a unit is one step of a comparison (a caller against a statement, a Deny against a
 * request, an automaton step), well under a microsecond. The example organization's busiest resource spends under
 * 800; a bucket policy of 100 statements naming 100 accounts, at S3's 20 KB size limit, about 150,000.
 */
export const DEFAULT_RESOURCE_BUDGET = 500_000;

/** A budget that never runs out, for callers outside a resource's analysis (tests, one-off comparisons). */
export const UNLIMITED = new WorkBudget(Number.POSITIVE_INFINITY);
