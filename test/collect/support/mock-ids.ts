/** The accounts of the mocked organization (mock-scenario.ts), apart so that every mock module can use them. */
export const ORG_ID = "o-ab12cdef34";
export const MGMT = "111122223333";
export const PROD = "444455556666";
export const DEV = "777788889999";
export const SANDBOX = "555566667777";
export const SUSPENDED = "888899990000";
export const OUTSIDE = "999999999999";
