import { createHash } from "crypto"
import { createWriteStream } from "fs"
import { Transform, type Readable } from "stream"
import { pipeline } from "stream/promises"

/**
 * Streams `body` into a local file, hashing it on the way (never the whole
 * file in memory).
 *
 * @example
 * const { sha256, size } = await saveAndHash(sftp.createReadStream("/in/Master.csv"), "/tmp/x/Master.csv")
 */
export async function saveAndHash(body: Readable | NodeJS.ReadableStream, toPath: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256")
  let size = 0
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk)
      size += chunk.length
      done(null, chunk)
    },
  })
  await pipeline(body as Readable, tap, createWriteStream(toPath))
  return { sha256: hash.digest("hex"), size }
}
