import { StatementRefused } from "./errors.js";
import { statementFileCharactersMax } from "./parse-statement.js";

/**
 * A statement file's bytes as text, the same through every door (gRPC, the inbox, a pull), so a file gives the same
 * statements and digests whichever door it came by: UTF-8, a byte order mark dropped, anything else refused.
 */
export function statementText(bytes: Uint8Array): string {
  if (bytes.length > statementFileCharactersMax)
    throw new StatementRefused("the file", `larger than ${statementFileCharactersMax} bytes`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new StatementRefused("the file", "is not UTF-8 text", { cause: error });
  }
}
