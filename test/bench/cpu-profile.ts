import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { join } from "node:path";

/**
 * Runs `work` under the V8 CPU profiler when `directory` is given, and writes `<name>.cpuprofile` there (open it in
 * Chrome DevTools, Performance): the measured window only, not the set-up around it.
 */
export async function profileWhile<T>(
  directory: string | undefined,
  name: string,
  work: () => Promise<T>,
): Promise<{ result: T; profile?: string }> {
  if (directory === undefined) return { result: await work() };
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
    const result = await work();
    const { profile } = await session.post("Profiler.stop");
    const file = join(directory, `${name}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    return { result, profile: file };
  } finally {
    session.disconnect();
  }
}
