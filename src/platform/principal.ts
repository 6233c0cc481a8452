/**
 * Who may do what: the roles of the contract. `routing` is a SIP proxy or emergency-routing
 * element: emergency answers only (dial checks, observations, HELD, emergency-call reports).
 */
export const ROLES = ["admin", "fulfillment", "provisioning", "customer", "routing"] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller of a request or job. */
export interface Principal {
  keyId: string;
  role: Role;
  /** Set for customer keys: the one account they may see. */
  accountId: string | null;
  label: string | null;
}

/**
 * How a principal is recorded in histories (`changedBy`, `by`): the key id, plus its label when
 * it has one, so an auditor can tell people apart without ever seeing a key.
 */
export function actorOf(principal: Principal): string {
  return principal.label ? `${principal.keyId} (${principal.label})` : principal.keyId;
}

/** Customer keys see only their own account; the other roles act across accounts. */
export function canSeeAccount(principal: Principal, accountId: string): boolean {
  return principal.role !== "customer" || principal.accountId === accountId;
}
