import { callbackSecretLengthMin } from "../adapters/banks/callback-signature.js";
import { isJsonObject } from "../runtime/json.js";
import { ConfigError, readJsonConfigFile } from "./config.js";

/** `LIQ_BANK_CALLBACK_SECRETS_FILE`: `{ "<bankCode>": "<secret>" }`, each secret at least 16 characters. */
export function loadCallbackSecrets(file: string | undefined): ReadonlyMap<string, string> {
  if (file === undefined) return new Map();
  const parsed = readJsonConfigFile("LIQ_BANK_CALLBACK_SECRETS_FILE", file);
  if (!isJsonObject(parsed))
    throw new ConfigError(`LIQ_BANK_CALLBACK_SECRETS_FILE ${file}: must be a JSON object of bank code to secret`);
  const secrets = new Map<string, string>();
  for (const [bankCode, secret] of Object.entries(parsed)) {
    if (typeof secret !== "string" || secret.length < callbackSecretLengthMin) {
      throw new ConfigError(
        `LIQ_BANK_CALLBACK_SECRETS_FILE ${file}: the secret of ${bankCode} must be a string of at least ${callbackSecretLengthMin} characters`,
      );
    }
    secrets.set(bankCode, secret);
  }
  return secrets;
}
