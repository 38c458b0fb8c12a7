/**
 * `call-billing validate-rates rates.csv`: lists every bad line of a deck.
 */
import { parseDeck, type DeckError } from "../modules/rating/engine/deck"
import { VALIDATE_HELP } from "./help"
import { EXIT_INVALID, EXIT_OK, parseCommandArgs, readInputFile, say, type Io } from "./io"

/**
 * One deck problem as FORMATS.md prints it: `line N, column C: reason`
 * (`line N: reason` when the problem is the whole line).
 *
 * @example
 * formatDeckError({ line: 7, column: "rate", reason: '"-1" is negative; must be ≥ 0' })
 * // 'line 7, column rate: "-1" is negative; must be ≥ 0'
 */
export function formatDeckError(e: DeckError): string {
  return e.column === null ? `line ${e.line}: ${e.reason}` : `line ${e.line}, column ${e.column}: ${e.reason}`
}

/**
 * Runs `validate-rates`. Returns the exit code: 0 valid, 2 invalid.
 *
 * @example
 * await validateRatesCommand(["examples/bad-rates.csv"], { stdout: process.stdout, stderr: process.stderr }) // 2
 */
export async function validateRatesCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { help: { type: "boolean", short: "h" } }, 1)
  if (values.help) {
    io.stdout.write(VALIDATE_HELP)
    return EXIT_OK
  }
  const file = positionals[0]
  const deck = parseDeck(await readInputFile(file, "rate deck"))
  if (deck.errors.length > 0) {
    const badLines = new Set(deck.errors.map((e) => e.line)).size
    say(io.stdout, ...deck.errors.map(formatDeckError))
    say(io.stderr, `${file}: invalid deck: ${deck.errors.length} problem${deck.errors.length === 1 ? "" : "s"} on ${badLines} line${badLines === 1 ? "" : "s"}`)
    return EXIT_INVALID
  }
  say(io.stdout, `${file}: valid deck, ${deck.rows.length} rate row${deck.rows.length === 1 ? "" : "s"}`)
  return EXIT_OK
}
