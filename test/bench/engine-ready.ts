/**
 * Waits until an engine process answers `/readyz` with 200 (its directories caught up) and says its publication
 * recovery is done (ADR 002; on FerretDB a scan of the whole journal at start, which runs after the engine is
 * ready). A benchmark measures the steady state, not start-up.
 */
export async function waitUntilReady(adminPort: number, timeoutMs = 600_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { status, recovered } = await fetch(`http://127.0.0.1:${adminPort}/readyz`, {
      signal: AbortSignal.timeout(5_000),
    })
      .then(async (response) => ({
        status: response.status,
        recovered: ((await response.json()) as { publicationRecovered?: unknown }).publicationRecovered === true,
      }))
      .catch(() => ({ status: 0, recovered: false }));
    if (status === 200 && recovered) return (performance.now() - started) / 1000;
    if (performance.now() - started > timeoutMs)
      throw new Error(`the engine was not ready within ${timeoutMs / 1000} s (/readyz: ${status})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
