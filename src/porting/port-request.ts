/** A Porting Activation Requirement's state (004 "NUMBER USAGE AND PORTING"). */
export interface RequirementState {
  satisfied: boolean;
  /** When it was (un)satisfied — given by staff when entered after the fact. */
  at: string | null;
  by: string | null;
  note: string | null;
}

export const PORT_STATUSES = ["awaiting_requirements", "scheduled", "overdue", "completed", "cancelled"] as const;
export type PortStatus = (typeof PORT_STATUSES)[number];

export const OPEN_STATUSES: readonly PortStatus[] = ["awaiting_requirements", "scheduled", "overdue"];

export interface PortRequestRecord {
  id: string;
  accountId: string;
  numbers: string[];
  country: string;
  region: string | null;
  timeZone: string;
  donorProvider: string;
  status: PortStatus;
  requirements: Record<string, RequirementState>;
  agreedDate: string | null;
  agreedDateHistory: { date: string; at: string; by: string; reason: string | null }[];
  deadline: { date: string; at: string; skipped: { date: string; reason: string }[] } | null;
  completedAt: string | null;
  completedOnTime: boolean | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** One entry of a request's timeline: what changed, from what to what, who and when. */
export interface PortEvent {
  at: string;
  by: string;
  event: "created" | "requirement" | "agreed_date" | "status" | "completed" | "cancelled";
  field?: string;
  old?: unknown;
  new?: unknown;
  note?: string | null;
}

export function isOpen(status: PortStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
