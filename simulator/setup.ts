import { Money } from "../actors/shared/amount.js";
import { callbackSecretLengthMin } from "../adapters/banks/callback-signature.js";
import { parseFaults } from "./faults.js";
import type { BankSimulator } from "./simulator.js";
import {
  accountPattern,
  asObject,
  bankCodePattern,
  requiredAmount,
  requiredCurrency,
  requiredString,
  SimulatorRequestError,
  type JsonObject,
} from "./wire.js";

/** Banks, accounts and faults to create at start (`SIM_CONFIG`), in the same shapes as the admin API. */

const banksMax = 1_000;
const accountsPerBankMax = 10_000;

/** `{ code, callbackSecret? }`: with a secret, the bank signs its callbacks (adapters/banks/callback-signature.ts). */
export function createBankFrom(simulator: BankSimulator, body: JsonObject): string {
  const code = requiredString(body, "code", bankCodePattern);
  const secret = body["callbackSecret"];
  if (
    secret !== undefined &&
    (typeof secret !== "string" || secret.length < callbackSecretLengthMin || secret.length > 256)
  ) {
    throw new SimulatorRequestError(
      400,
      "invalid_bank",
      `callbackSecret must be a string of ${callbackSecretLengthMin} to 256 characters`,
    );
  }
  simulator.book.createBank(code);
  if (typeof secret === "string") simulator.callbackSecrets.set(code, secret);
  return code;
}

export function createAccountFrom(simulator: BankSimulator, bankCode: string, body: JsonObject): void {
  const account = requiredString(body, "account", accountPattern);
  const currency = requiredCurrency(body);
  const balance = body["balance"] === undefined ? new Money(0) : requiredAmount(body, "balance", { allowZero: true });
  simulator.book.createAccount(bankCode, account, currency, balance);
}

function array(body: JsonObject, field: string, max: number): readonly unknown[] {
  const value = body[field] ?? [];
  if (!Array.isArray(value) || value.length > max)
    throw new SimulatorRequestError(400, "invalid_config", `${field} must be an array of at most ${max}`);
  return value;
}

/** Applies a whole configuration: `{ banks: [{ code, accounts: [{ account, currency, balance }], faults? }] }`. */
export function applySetup(simulator: BankSimulator, value: unknown): void {
  const config = asObject(value, "the simulator configuration");
  for (const bankValue of array(config, "banks", banksMax)) {
    const bank = asObject(bankValue, "a bank");
    const code = createBankFrom(simulator, bank);
    for (const account of array(bank, "accounts", accountsPerBankMax))
      createAccountFrom(simulator, code, asObject(account, "an account"));
    if (bank["faults"] !== undefined) simulator.faults.set(code, parseFaults(bank["faults"]));
  }
}
