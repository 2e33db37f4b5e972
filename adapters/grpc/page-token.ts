import { status } from "@grpc/grpc-js";
import { ApiError } from "./api-error.js";

/** Page tokens are opaque to clients: a tag naming what is paged, and the last id of the page, base64url. */
export function encodePageToken(tag: string, lastId: string): string {
  return Buffer.from(`${tag}:${lastId}`, "utf8").toString("base64url");
}

/** The last id of the previous page ("" for the first page); a token this server did not issue is refused. */
export function decodePageToken(tag: string, token: string): string {
  if (token === "") return "";
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!text.startsWith(`${tag}:`) || text.length <= tag.length + 1)
    throw new ApiError(status.INVALID_ARGUMENT, "page_token is not one this server issued", "invalid_argument");
  return text.slice(tag.length + 1);
}
