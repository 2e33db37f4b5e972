/**
 * Waits until an engine process answers `/readyz` with 200: publication recovered (ADR 002; on FerretDB a scan of
 * the whole journal at start) and its directories caught up. A benchmark measures the steady state, not start-up.
 */
export async function waitUntilReady(adminPort: number, timeoutMs = 600_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${adminPort}/readyz`, { signal: AbortSignal.timeout(5_000) })
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) return (performance.now() - started) / 1000;
    if (performance.now() - started > timeoutMs)
      throw new Error(`the engine was not ready within ${timeoutMs / 1000} s (/readyz: ${status})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
