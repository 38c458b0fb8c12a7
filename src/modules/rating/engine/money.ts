/**
 * Exact money for the rating engine (RATING.md §1): amounts and rates are
 * scaled BigInt (value × 10^scale). A JS `number` never holds money here.
 */
import type { RoundingMode } from "./types"

/** Rates and fees carry up to 6 decimals; inside the engine they are BigInt × 10^6. */
export const RATE_SCALE = 6

export const ROUNDING_MODES: readonly RoundingMode[] = ["half_up", "up", "down", "half_even"]

const DECIMAL_RE = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/

/** Powers of ten as BigInt, 10^0 … 10^30 (shared, never reallocated). */
const POW10: bigint[] = []
for (let i = 0, p = 1n; i <= 30; i++, p *= 10n) POW10.push(p)

/**
 * 10^n as a BigInt.
 *
 * @example
 * pow10(3) // 1000n
 */
export function pow10(n: number): bigint {
  if (!Number.isInteger(n) || n < 0) throw new Error(`pow10: ${n} is not a whole number ≥ 0`)
  return n < POW10.length ? POW10[n] : 10n ** BigInt(n)
}

/**
 * Whether `s` is a plain decimal string ("12", "0.0125", "-1.5", ".5") with
 * at most `maxScale` decimals. No exponent, no thousands separators.
 *
 * @example
 * isDecimalString("0.0125", 6) // true
 * isDecimalString("1e-3", 6)   // false
 * isDecimalString("0.1234567", 6) // false
 */
export function isDecimalString(s: string, maxScale: number): boolean {
  if (typeof s !== "string") return false
  const t = s.trim()
  if (!DECIMAL_RE.test(t)) return false
  const dot = t.indexOf(".")
  return dot < 0 || t.length - dot - 1 <= maxScale
}

/**
 * Parses a decimal string into a BigInt scaled by 10^scale, exactly.
 * Throws on anything that is not a plain decimal or has more decimals than `scale`.
 *
 * @example
 * parseScaled("0.0125", 6) // 12500n
 * parseScaled("-1.5", 2)   // -150n
 */
export function parseScaled(value: string, scale: number): bigint {
  if (typeof value !== "string") throw new Error(`"${String(value)}" is not a decimal string`)
  const t = value.trim()
  if (!DECIMAL_RE.test(t)) throw new Error(`"${value}" is not a decimal number`)
  const neg = t.charCodeAt(0) === 45 /* - */
  const body = neg ? t.slice(1) : t
  const dot = body.indexOf(".")
  const intPart = dot < 0 ? body : body.slice(0, dot)
  const frac = dot < 0 ? "" : body.slice(dot + 1)
  if (frac.length > scale) {
    throw new Error(`"${value}" has more than ${scale} decimals`)
  }
  const digits = (intPart || "0") + frac.padEnd(scale, "0")
  const v = BigInt(digits)
  return neg ? -v : v
}

/**
 * Formats a scaled BigInt with exactly `scale` decimals (scale 0 → integer).
 *
 * @example
 * formatScaled(12500n, 6) // "0.012500"
 * formatScaled(-5n, 2)    // "-0.05"
 * formatScaled(42n, 0)    // "42"
 */
export function formatScaled(v: bigint, scale: number): string {
  if (scale === 0) return v.toString()
  let neg = false
  if (v < 0n) {
    neg = true
    v = -v
  }
  let s = v.toString()
  if (s.length <= scale) s = "0".repeat(scale - s.length + 1) + s
  const cut = s.length - scale
  const out = s.slice(0, cut) + "." + s.slice(cut)
  return neg ? "-" + out : out
}

/**
 * Integer division n / d rounded with `mode`. `up` rounds away from zero,
 * `down` toward zero, `half_up` halves away from zero, `half_even` halves to
 * the even neighbour.
 *
 * @example
 * divRound(5n, 2n, "half_up")    // 3n
 * divRound(-5n, 2n, "half_up")   // -3n
 * divRound(5n, 2n, "half_even")  // 2n
 * divRound(1n, 3n, "up")         // 1n
 */
export function divRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d === 0n) throw new Error("divRound: division by zero")
  const q = n / d // truncates toward zero
  const r = n - q * d
  if (r === 0n) return q
  const negative = n < 0n !== d < 0n
  const away = negative ? q - 1n : q + 1n
  switch (mode) {
    case "down":
      return q
    case "up":
      return away
    case "half_up": {
      const r2 = (r < 0n ? -r : r) * 2n
      const ad = d < 0n ? -d : d
      return r2 >= ad ? away : q
    }
    case "half_even": {
      const r2 = (r < 0n ? -r : r) * 2n
      const ad = d < 0n ? -d : d
      if (r2 > ad) return away
      if (r2 < ad) return q
      return q % 2n === 0n ? q : away
    }
    default:
      throw new Error(`unknown rounding mode "${String(mode)}"`)
  }
}

/**
 * Changes the scale of a scaled BigInt, rounding with `mode` when decimals are dropped.
 *
 * @example
 * rescale(12345n, 4, 2, "half_up") // 123n  (1.2345 → 1.23)
 * rescale(5n, 1, 3, "half_up")     // 500n  (0.5 → 0.500)
 */
export function rescale(v: bigint, from: number, to: number, mode: RoundingMode): bigint {
  if (to === from) return v
  if (to > from) return v * pow10(to - from)
  return divRound(v, pow10(from - to), mode)
}

/**
 * Whether `mode` is one of the four rounding modes.
 *
 * @example
 * isRoundingMode("half_even") // true
 */
export function isRoundingMode(mode: unknown): mode is RoundingMode {
  return mode === "half_up" || mode === "up" || mode === "down" || mode === "half_even"
}
