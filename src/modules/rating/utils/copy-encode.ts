/**
 * Encoding for Postgres `COPY … FROM STDIN` text format: tab-separated,
 * `\N` for NULL, backslash escapes for the four special characters.
 */
export function copyField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) {
    return "\\N"
  }
  const s = String(value)
  // fast path: nothing to escape
  if (!/[\\\t\n\r]/.test(s)) {
    return s
  }
  return s.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"
  )
}

/** The `raw_<column>` twin Medusa keeps beside a bigNumber column. */
export function rawNumeric(value: string): string {
  return `{"value":"${value}","precision":20}`
}
