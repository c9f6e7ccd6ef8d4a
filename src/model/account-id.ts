/** Twelve digits: the only form an AWS account id takes. */
export const ACCOUNT_ID = /^\d{12}$/;

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}
