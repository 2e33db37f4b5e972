/** An account actor's id: `<bankCode>:<accountNumber>` (both from the runtime's id alphabet, ADR 003 §1). */
export function accountIdOf(bankCode: string, accountNumber: string): string {
  return `${bankCode}:${accountNumber}`;
}

/** The command id of an upstream entry, the same through every door (ADR 004 §2): applied once per account. */
export function entryCommandId(entryId: string): string {
  return `entry:${entryId}`;
}
