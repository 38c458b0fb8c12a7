/**
 * Physical line numbers of CSV records. A quoted field may hold line breaks,
 * so a record can span several lines of the file; users and editors count
 * lines of the file, so every message names the line where a record starts.
 * No imports: the pure rating engine uses it for rate decks.
 */

/**
 * Line breaks inside the fields of one record. `br` is the file's line break
 * ("\r" for old Mac files; "\n" counts both "\n" and "\r\n").
 *
 * @example
 * breaksIn(["a", "two\nlines"], "\n") // 1
 */
export function breaksIn(row: readonly string[], br: string): number {
  let n = 0
  for (let j = 0; j < row.length; j++) {
    const f = row[j]
    let k = f.indexOf(br)
    while (k !== -1) {
      n++
      k = f.indexOf(br, k + 1)
    }
  }
  return n
}

/**
 * The physical line (1-based) where each record of a whole parsed text starts.
 *
 * @example
 * physicalLines([["a"], ["b\nc"], ["d"]], "\n") // [1, 2, 4]
 */
export function physicalLines(rows: readonly (readonly string[])[], linebreak: string): number[] {
  const br = linebreak === "\r" ? "\r" : "\n"
  const out = new Array<number>(rows.length)
  let line = 1
  for (let i = 0; i < rows.length; i++) {
    out[i] = line
    line += 1 + breaksIn(rows[i], br)
  }
  return out
}
