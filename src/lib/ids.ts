import { randomBytes } from "crypto"

/**
 * Entity ids for bulk writes, in Medusa's format (`prefix_` + a ULID:
 * 10 chars of time, 16 random, Crockford base32). Medusa's
 * `generateEntityId` costs ~125 µs an id here (the `ulid` package draws one
 * random byte at a time); rows written by the hundred thousand take their
 * randomness from a pooled buffer instead.
 */
const ENCODING = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const POOL_SIZE = 64 * 1024

let pool = randomBytes(POOL_SIZE)
let offset = 0
let lastMs = -1
let lastTime = ""

function encodeTime(ms: number): string {
  if (ms !== lastMs) {
    let s = ""
    let t = ms
    for (let i = 0; i < 10; i++) {
      s = ENCODING[t % 32] + s
      t = Math.floor(t / 32)
    }
    lastMs = ms
    lastTime = s
  }
  return lastTime
}

/**
 * @example
 * bulkEntityId("rate") // "rate_01JD3K…"
 */
export function bulkEntityId(prefix: string): string {
  if (offset + 16 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE)
    offset = 0
  }
  let random = ""
  for (let i = 0; i < 16; i++) {
    // 256 is a multiple of 32, so the low five bits are uniform
    random += ENCODING[pool[offset++] & 31]
  }
  return `${prefix}_${encodeTime(Date.now())}${random}`
}
