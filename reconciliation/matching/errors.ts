/** Refusal of a matching input (a duplicated line number, a malformed date...): names the line or record at fault. */
export class MatchingInputError extends Error {
  override readonly name = "MatchingInputError";
}
