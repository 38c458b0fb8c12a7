/**
 * `call-billing diff-rates old.csv new.csv`: rows added, removed and changed.
 */
import { diffDecks, parseDeck, type DeckKey, type DeckRow, type DiffField } from "../modules/rating/engine/deck"
import { DIFF_HELP } from "./help"
import { InputError, EXIT_OK, parseCommandArgs, readInputFile, say, type Io } from "./io"
import { formatDeckError } from "./validate-rates"

function keyText(k: DeckKey): string {
  return `${k.prefix} [${k.band === "" ? "any band" : `band ${k.band}`}, ${k.direction}]`
}

function shown(r: DeckRow, f: DiffField): string {
  const v = r[f]
  if (v === null || v === undefined || v === "") {
    if (f === "initial_increment" || f === "subsequent_increment") return "60"
    if (f === "grace" || f === "connect_fee" || f === "per_call") return "0"
    return "(empty)"
  }
  return String(v)
}

function rowText(r: DeckRow): string {
  const parts = [
    `rate ${r.rate}`,
    `increments ${shown(r, "initial_increment")}/${shown(r, "subsequent_increment")}`,
  ]
  if (r.connect_fee) parts.push(`connect_fee ${r.connect_fee}`)
  if (r.per_call) parts.push(`per_call ${r.per_call}`)
  if (r.grace) parts.push(`grace ${r.grace}`)
  const name = r.destination ? ` ${r.destination}` : ""
  return `${name}: ${parts.join(", ")}`
}

/** A deck's rows, or why it cannot be used: a read problem, or every bad line. */
async function loadDeck(file: string): Promise<{ rows: DeckRow[]; problem: InputError | null }> {
  let text: Buffer
  try {
    text = await readInputFile(file, "rate deck")
  } catch (e) {
    if (e instanceof InputError) return { rows: [], problem: e }
    throw e
  }
  const deck = parseDeck(text)
  if (deck.errors.length === 0) return { rows: deck.rows, problem: null }
  return { rows: [], problem: new InputError(`${file} is not a valid deck:`, deck.errors.map(formatDeckError)) }
}

/**
 * One InputError for both decks' problems: one deck's as it is; both decks'
 * under one message, each line led by its file.
 */
function bothProblems(decks: Array<{ file: string; problem: InputError | null }>): InputError | null {
  const bad = decks.filter((d) => d.problem !== null)
  if (bad.length === 0) return null
  if (bad.length === 1) return bad[0].problem
  const details: string[] = []
  for (const { file, problem } of bad) {
    if (problem!.details.length === 0) details.push(problem!.message)
    else for (const d of problem!.details) details.push(`${file}: ${d}`)
  }
  return new InputError("neither deck can be used:", details)
}

/**
 * Runs `diff-rates`. Returns the exit code: 0 when both decks are valid;
 * otherwise throws an InputError (exit 2) listing the bad lines of both.
 *
 * @example
 * await diffRatesCommand(["examples/rates.csv", "examples/rates-v2.csv"], io) // prints added/removed/changed
 */
export async function diffRatesCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { help: { type: "boolean", short: "h" } }, 2)
  if (values.help) {
    io.stdout.write(DIFF_HELP)
    return EXIT_OK
  }
  const [oldFile, newFile] = positionals
  // Both decks are read before either is judged, so every problem of both is listed at once.
  const [oldDeck, newDeck] = await Promise.all([loadDeck(oldFile), loadDeck(newFile)])
  const problem = bothProblems([
    { file: oldFile, problem: oldDeck.problem },
    { file: newFile, problem: newDeck.problem },
  ])
  if (problem) throw problem
  const d = diffDecks(oldDeck.rows, newDeck.rows)
  const out: string[] = [`--- ${oldFile}`, `+++ ${newFile}`]
  out.push(`added (${d.added.length}):`)
  for (const r of d.added) out.push(`  + ${keyText({ prefix: r.prefix, band: r.band ?? "", direction: r.direction })}${rowText(r)}`)
  out.push(`removed (${d.removed.length}):`)
  for (const r of d.removed) out.push(`  - ${keyText({ prefix: r.prefix, band: r.band ?? "", direction: r.direction })}${rowText(r)}`)
  out.push(`changed (${d.changed.length}):`)
  for (const c of d.changed) {
    const what = c.fields.map((f) => `${f} ${shown(c.old, f)} → ${shown(c.new, f)}`).join(", ")
    const name = c.new.destination ? ` ${c.new.destination}` : ""
    out.push(`  ~ ${keyText(c.key)}${name}: ${what}`)
  }
  out.push(`${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged} unchanged`)
  say(io.stdout, ...out)
  return EXIT_OK
}
