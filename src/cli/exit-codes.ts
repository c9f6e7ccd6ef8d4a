/** Exit statuses of `trustscan scan` (README "Exit codes"). */
export const EXIT_OK = 0;
/** An active finding at or above --fail-on. */
export const EXIT_FINDINGS = 1;
/** Usage error, unreadable input, nothing to scan, or an output that cannot be written. */
export const EXIT_INPUT = 2;
/** No active finding at or above --fail-on, but some input was not scanned (and no --allow-incomplete). */
export const EXIT_INCOMPLETE = 3;
