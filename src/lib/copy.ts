/**
 * Encoding for Postgres `COPY … FROM STDIN` text format: tab-separated,
 * `\N` for NULL, backslash escapes for the four special characters. Postgres
 * text cannot hold NUL, so a NUL (from a fuzzed or broken file) becomes U+FFFD.
 */
export function copyField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) {
    return "\\N"
  }
  const s = String(value)
  // fast path: nothing to escape
  if (!/[\\\t\n\r\u0000]/.test(s)) {
    return s
  }
  return s.replace(/[\\\t\n\r\u0000]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\uFFFD"
  )
}

/** The `raw_<column>` twin Medusa keeps beside a bigNumber column. */
export function rawNumeric(value: string): string {
  return `{"value":"${value}","precision":20}`
}

/** A JSON value as a COPY field for a json/jsonb column (jsonb refuses \u0000, so it becomes U+FFFD). */
export function copyJson(value: unknown): string {
  if (value === null || value === undefined) return "\\N"
  let json = JSON.stringify(value)
  if (json.includes("\\u0000")) json = json.replace(/\\u0000/g, "\\ufffd")
  return copyField(json)
}
