import { processIo } from "./output.js";
import { runCli } from "./run.js";

/** `liq`'s entry point (bin/liq.js starts it): runs the command line and exits with its code. */
process.exitCode = await runCli(process.argv.slice(2), processIo());
