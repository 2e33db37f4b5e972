import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { Argument, InvalidArgumentError } from "@commander-js/extra-typings";
import {
  AccessConfigError,
  parseAccessSettings,
  principalPattern,
  roles,
  sha256Hex,
} from "../../adapters/grpc/access.js";
import { isJsonObject, type Json, type JsonObject } from "../../runtime/json.js";
import type { CliContext } from "../context.js";
import { refused, usageFailure } from "../failures.js";
import type { RootCommand } from "../root.js";

const defaultAccessFile = "access.json";

/** The access file as it is, or a new one; anything that is not an access file is refused before it is touched. */
function readAccessFile(file: string): { content: JsonObject; created: boolean } {
  if (!existsSync(file)) return { content: { tokens: [] }, created: true };
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw usageFailure(`the access file ${file} is not readable JSON: ${(error as Error).message}`);
  }
  if (!isJsonObject(content) || !Array.isArray(content["tokens"]))
    throw usageFailure(`the access file ${file} must be {"tokens": [...]}`);
  return { content, created: false };
}

/** Writes the whole file next to itself and renames it over: the engine never reads half a file. */
function writeAccessFile(file: string, content: JsonObject, created: boolean): void {
  const mode = created ? 0o600 : statSync(file).mode & 0o777;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode });
  renameSync(temporary, file);
}

function principalArgument(value: string): string {
  if (!principalPattern.test(value)) throw new InvalidArgumentError("a principal is 1-64 of A-Z a-z 0-9 _ . @ -");
  return value;
}

/** `liq tokens ...`: bearer tokens in the engine's access file (docs/api.md "Access", adapters/grpc/access.ts). */
export function addTokenCommands(root: RootCommand, context: CliContext): void {
  const tokens = root.command("tokens").description("bearer tokens for the gRPC API, in the engine's access file");

  tokens
    .command("make")
    .description(
      "make a token, write its hash into the access file and print the token once; the engine reads the file at start",
    )
    .argument("<principal>", "who the token names, 1-64 of A-Z a-z 0-9 _ . @ -", principalArgument)
    .addArgument(new Argument("<role...>", `its roles: ${roles.join(", ")}`).choices(roles))
    .option(
      "--access-file <file>",
      `the access file, created if missing (env LIQ_ACCESS_FILE; default ./${defaultAccessFile})`,
    )
    .option(
      "--replace",
      "give a principal already in the file this new token instead (its old one stops working at the next engine start)",
    )
    .action((principal, roleList, options) => {
      const file = options.accessFile ?? (context.io.env["LIQ_ACCESS_FILE"] || defaultAccessFile);
      const { content, created } = readAccessFile(file);
      const listed = content["tokens"] as Json[];
      const others = listed.filter((entry) => !(isJsonObject(entry) && entry["principal"] === principal));
      const replaced = others.length !== listed.length;
      if (replaced && !options.replace)
        throw refused(
          `${principal} already has a token in ${file}; --replace gives it this new one instead`,
          "principal_exists",
        );
      const token = randomBytes(32).toString("base64url");
      const entry = { principal, roles: [...new Set(roleList)], tokenSha256: sha256Hex(token) };
      const updated = { ...content, tokens: [...others, entry] };
      try {
        // The engine's own reader: what it would refuse at start is refused here, before the file changes.
        parseAccessSettings(updated, { perSecond: 1, burst: 1 }, file);
      } catch (error) {
        if (error instanceof AccessConfigError) throw usageFailure(error.message);
        throw error;
      }
      writeAccessFile(file, updated, created);
      const change = created ? "created" : replaced ? `replaced ${principal}'s token in` : "added to";
      context.print({ principal, roles: entry.roles, token, access_file: file, created, replaced }, () =>
        [
          `token for ${principal} (${entry.roles.join(", ")}); shown once, stored nowhere:`,
          `  ${token}`,
          `${change} ${file} (its SHA-256 only). The engine reads the access file at start: restart it to use this token.`,
          "",
        ].join("\n"),
      );
    });
}
