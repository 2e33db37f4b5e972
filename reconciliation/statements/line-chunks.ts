import type { Json, JsonObject } from "../../runtime/json.js";
import type { StatementLine } from "../model.js";
import { decodeStatementLine, encodeStatementLine } from "./line-codec.js";

/**
 * How a statement version's lines are cut for storage (ADR 014 §1): chunks of `linesPerChunk`, numbered from 0, each
 * keyed by the version's digest and its number, so that writing the same version again writes the same documents.
 * Both line stores (memory, MongoDB) cut and check the same way.
 */

export const linesPerChunk = 1_000;

/** The lines of a version are not all there: written only in part (a crash while writing), or not at all. */
export class StatementLinesIncomplete extends Error {
  override readonly name = "StatementLinesIncomplete";
}

/** One stored chunk: its number and its lines as JSON. */
export interface LineChunk {
  readonly chunk: number;
  readonly lines: readonly JsonObject[];
}

export function chunkId(digest: string, chunk: number): string {
  return `${digest}:${chunk}`;
}

export function chunkCount(lineCount: number): number {
  return Math.ceil(lineCount / linesPerChunk);
}

/** The chunks of a version's lines, which must be numbered 1, 2, ... in order (as the parsers number them). */
export function chunksOf(lines: readonly StatementLine[]): LineChunk[] {
  lines.forEach((line, index) => {
    if (line.lineNo !== index + 1)
      throw new RangeError(`statement lines must be numbered from 1 in order: line ${index + 1} is ${line.lineNo}`);
  });
  const chunks: LineChunk[] = [];
  for (let start = 0; start < lines.length; start += linesPerChunk)
    chunks.push({
      chunk: start / linesPerChunk,
      lines: lines.slice(start, start + linesPerChunk).map(encodeStatementLine),
    });
  return chunks;
}

/**
 * The lines of a version from its stored chunks (any order), checked whole: every chunk present, each full but the
 * last, `lineCount` lines numbered 1, 2, ... A version whose chunks fall short throws `StatementLinesIncomplete`.
 */
export function linesOfChunks(
  digest: string,
  lineCount: number,
  stored: ReadonlyArray<{ readonly chunk: number; readonly lines: readonly Json[] }>,
): StatementLine[] {
  const expected = chunkCount(lineCount);
  const byNumber = new Map(stored.map((found) => [found.chunk, found]));
  const lines: StatementLine[] = [];
  for (let chunk = 0; chunk < expected; chunk++) {
    const found = byNumber.get(chunk);
    if (!found)
      throw new StatementLinesIncomplete(
        `statement version ${digest}: chunk ${chunk} of ${expected} is missing (${lineCount} lines registered)`,
      );
    const size = Math.min(linesPerChunk, lineCount - chunk * linesPerChunk);
    if (found.lines.length !== size)
      throw new StatementLinesIncomplete(
        `statement version ${digest}: chunk ${chunk} holds ${found.lines.length} lines, not ${size}`,
      );
    found.lines.forEach((json, index) =>
      lines.push(decodeStatementLine(json, `${chunkId(digest, chunk)} lines[${index}]`)),
    );
  }
  if (byNumber.size > expected)
    throw new StatementLinesIncomplete(
      `statement version ${digest}: ${byNumber.size} chunks stored for ${lineCount} lines (${expected} expected)`,
    );
  lines.forEach((line, index) => {
    if (line.lineNo !== index + 1)
      throw new StatementLinesIncomplete(`statement version ${digest}: line ${index + 1} is stored as ${line.lineNo}`);
  });
  return lines;
}
