/**
 * What the commands share: their streams, the errors that map to exit codes
 * (FORMATS.md: 0 success, 2 bad arguments or invalid input, 1 anything
 * else), argument parsing and file reading.
 */
import { readFile } from "fs/promises"
import { parseArgs, type ParseArgsConfig } from "util"
import type { Writable } from "stream"

export interface Io {
  stdout: Writable
  stderr: Writable
}

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_INVALID = 2

/**
 * Bad arguments: exit 2, with a pointer to the command's help.
 *
 * @example
 * throw new UsageError("--rates is required")
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "UsageError"
  }
}

/**
 * Input that cannot be used (a bad deck, a bad CDR header, a missing file): exit 2.
 *
 * @example
 * throw new InputError("rates.csv is not a valid deck:", ["line 4, column rate: required value is empty"])
 */
export class InputError extends Error {
  /** one line per problem, printed after the message */
  readonly details: string[]
  constructor(message: string, details: string[] = []) {
    super(message)
    this.name = "InputError"
    this.details = details
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>

/**
 * `util.parseArgs` in strict mode, its errors turned into UsageErrors.
 *
 * @example
 * const { values, positionals } = parseCommandArgs(["--rates", "r.csv"], { rates: { type: "string" } }, 0)
 */
export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
  positionals: number
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let parsed
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals > 0 })
  } catch (e) {
    // Node's messages are good ("Unknown option '--rate'"); drop its error code prefix.
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ""))
  }
  const values = parsed.values as Record<string, string | boolean | undefined>
  if (parsed.positionals.length !== positionals && !values.help) {
    throw new UsageError(
      positionals === 0
        ? `unexpected argument "${parsed.positionals[0]}"`
        : `expected ${positionals} file argument${positionals > 1 ? "s" : ""}, got ${parsed.positionals.length}`
    )
  }
  return { values, positionals: parsed.positionals }
}

/**
 * Reads a whole (bounded) input file: a rate deck or a profile. A file that
 * cannot be read is invalid input (exit 2), named with the option it came from.
 *
 * @example
 * const text = await readInputFile("examples/rates.csv", "--rates")
 */
export async function readInputFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (e) {
    throw new InputError(`cannot read ${what} ${path}: ${readProblem(e)}`)
  }
}

/**
 * Why a file could not be opened or read, in words, for an InputError that
 * names the option and the file.
 *
 * @example
 * readProblem(Object.assign(new Error("EACCES: permission denied, open 'x'"), { code: "EACCES" })) // "permission denied"
 */
export function readProblem(e: unknown): string {
  const err = e as NodeJS.ErrnoException
  switch (err?.code) {
    case "ENOENT":
      return "no such file"
    case "EISDIR":
      return "is a directory"
    case "EACCES":
    case "EPERM":
      return "permission denied"
    case "ENOTDIR":
      return "a directory in the path is a file"
    case "EIO":
      return "input/output error"
    default:
      return err?.message ?? String(e)
  }
}

/**
 * Whether an error is a failure of the operating system (open, read…): it
 * has an errno code such as EIO, as Node's file errors do.
 *
 * @example
 * isSystemError(Object.assign(new Error("EIO: i/o error, read"), { code: "EIO", syscall: "read" })) // true
 */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  const err = e as NodeJS.ErrnoException
  return err !== null && typeof err === "object" && typeof err.code === "string" && typeof err.syscall === "string"
}

/**
 * Writes text honouring backpressure: waits for `drain` when the stream's
 * buffer is full, and fails if the stream errors meanwhile.
 *
 * @example
 * await writeText(io.stdout, "a,b\n")
 */
export async function writeText(stream: Writable, text: string): Promise<void> {
  if (text.length === 0) return
  if (stream.write(text)) return
  await new Promise<void>((resolve, reject) => {
    // Listeners come off after each wait: a million-row file waits a thousand times.
    const done = (err?: Error) => {
      stream.off("drain", onDrain)
      stream.off("error", onError)
      stream.off("close", onClose)
      if (err) reject(err)
      else resolve()
    }
    const onDrain = () => done()
    const onError = (e: Error) => done(e)
    const onClose = () => done(Object.assign(new Error("the output was closed"), { code: "EPIPE" }))
    stream.on("drain", onDrain)
    stream.on("error", onError)
    stream.on("close", onClose)
  })
}

/**
 * Writes lines to a stream (messages on stderr, short reports on stdout).
 *
 * @example
 * say(io.stderr, "records: 25", "rated: 22")
 */
export function say(stream: Writable, ...lines: string[]): void {
  stream.write(lines.join("\n") + "\n")
}
