/** An account actor's id: `<bankCode>:<accountNumber>` (both from the runtime's id alphabet, ADR 003 §1). */
export function accountIdOf(bankCode: string, accountNumber: string): string {
  return `${bankCode}:${accountNumber}`;
}
