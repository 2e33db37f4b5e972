import { processIo } from "./output.js";
import { runCli } from "./run.js";

// A reader that stops early (`liq transfers list | head`) is not a failure of liq: no stack, just stop.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    throw error;
  });
}

/** `liq`'s entry point (bin/liq.js starts it): runs the command line and exits with its code. */
process.exitCode = await runCli(process.argv.slice(2), processIo());
