/** Exit statuses of `trustscan scan` (README "Exit codes"). */
export const EXIT_OK = 0;
/** An active finding at or above --fail-on. */
export const EXIT_FINDINGS = 1;
/** Usage error or unreadable input: nothing was written. */
export const EXIT_INPUT = 2;
