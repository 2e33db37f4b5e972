/**
 * The container image's HEALTHCHECK (Dockerfile): exits 0 when `GET <url>` answers 2xx within 3 s, else 1.
 * The URL is HEALTHCHECK_URL, else the engine's own `/readyz` on `LIQ_ADMIN_PORT` (9464), which answers 200 once
 * the engine serves (recovery begun, the directories caught up), so compose starts what needs it then; the bank simulator's
 * service sets HEALTHCHECK_URL to one of its routes, as it has no admin port. Node's fetch, so the slim image
 * needs no curl.
 */
const url = process.env["HEALTHCHECK_URL"] || `http://127.0.0.1:${process.env["LIQ_ADMIN_PORT"] || "9464"}/readyz`;

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
  if (!response.ok) {
    process.stderr.write(`unhealthy: ${url} answered ${response.status}\n`);
    process.exit(1);
  }
} catch (error) {
  process.stderr.write(`unhealthy: ${url}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
