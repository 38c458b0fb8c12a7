/**
 * `call-billing`: the plugin's command line (FORMATS.md "Command line").
 * Works without a database or a server: it builds cards from decks and
 * rates files with the same pure engine the module uses.
 *
 * Compiled by scripts/build-cli.js (tsconfig.cli.json) into dist/cli;
 * bin/call-billing.js runs `main`.
 */
import { diffRatesCommand } from "./diff-rates"
import { MAIN_HELP } from "./help"
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK, InputError, say, UsageError, type Io } from "./io"
import { rateCommand } from "./rate"
import { validateRatesCommand } from "./validate-rates"

export { rateCommand, rateOptions, RATED_COLUMNS, COST_COLUMNS } from "./rate"
export { validateRatesCommand, formatDeckError } from "./validate-rates"
export { diffRatesCommand } from "./diff-rates"
export type { Io } from "./io"

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  rate: rateCommand,
  "validate-rates": validateRatesCommand,
  "diff-rates": diffRatesCommand,
}

/**
 * Runs the command line and returns its exit code: 0 success, 2 bad
 * arguments or invalid input, 1 any other failure. Never throws.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2))
 */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [command, ...args] = argv
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    const sub = command === "help" ? args[0] : undefined
    if (sub && COMMANDS[sub]) return COMMANDS[sub](["--help"], io)
    ;(command === undefined ? io.stderr : io.stdout).write(MAIN_HELP)
    return command === undefined ? EXIT_INVALID : EXIT_OK
  }
  const run = COMMANDS[command]
  if (!run) {
    say(io.stderr, `call-billing: unknown command "${command}"`, `Run "call-billing --help" for the commands.`)
    return EXIT_INVALID
  }
  try {
    return await run(args, io)
  } catch (e) {
    if (e instanceof UsageError) {
      say(io.stderr, `call-billing ${command}: ${e.message}`, `Run "call-billing ${command} --help" for usage.`)
      return EXIT_INVALID
    }
    if (e instanceof InputError) {
      say(io.stderr, `call-billing ${command}: ${e.message}`, ...e.details.map((d) => `  ${d}`))
      return EXIT_INVALID
    }
    const err = e as NodeJS.ErrnoException
    if (err.code === "EPIPE") {
      say(io.stderr, `call-billing ${command}: the output was closed before the end`)
      return EXIT_FAILURE
    }
    say(io.stderr, `call-billing ${command}: ${err.message ?? String(e)}`)
    if (process.env.CALL_BILLING_DEBUG) say(io.stderr, String(err.stack))
    return EXIT_FAILURE
  }
}
