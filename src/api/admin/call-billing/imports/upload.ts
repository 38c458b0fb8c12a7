import { MedusaError } from "@medusajs/framework/utils"
import { createHash, randomUUID } from "crypto"
import fs from "fs"
import type { IncomingMessage } from "http"
import os from "os"
import path from "path"
import { Transform } from "stream"
import { pipeline } from "stream/promises"

/** Largest file an upload may carry (2 GiB, ~18 million CDR lines). */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3

/** Content types of a raw file body; anything else (multipart, JSON) is refused. */
const FILE_TYPES = ["text/csv", "application/csv", "text/plain", "application/octet-stream", "text/tab-separated-values"]

/** The body was larger than the limit: answered with 413. */
export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than ${limit} bytes`)
  }
}

export type SavedUpload = { path: string; sha256: string; size_bytes: number }

/**
 * Streams a request's raw body to a temp file, hashing it on the way, so a
 * file of any size passes through a few kB of memory. Refuses bodies that are
 * not a file (multipart, JSON), that announce or reach more than `maxBytes`
 * (UploadTooLargeError), and empty ones; the temp file is gone on any failure.
 *
 * @example
 * const { path, sha256, size_bytes } = await saveUpload(req)
 */
export async function saveUpload(req: IncomingMessage, maxBytes = MAX_UPLOAD_BYTES): Promise<SavedUpload> {
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase()
  if (type && !FILE_TYPES.includes(type)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Content-Type: ${type} is not accepted; send the file itself as the request body (text/csv or application/octet-stream) with format, source, timezone, filename and default_account in the query string`
    )
  }
  const announced = Number(req.headers["content-length"])
  if (Number.isFinite(announced) && announced > maxBytes) {
    throw new UploadTooLargeError(maxBytes)
  }

  const file = path.join(os.tmpdir(), `call-billing-upload-${randomUUID()}`)
  const hash = createHash("sha256")
  let size = 0
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length
      if (size > maxBytes) {
        return done(new UploadTooLargeError(maxBytes))
      }
      hash.update(chunk)
      done(null, chunk)
    },
  })
  try {
    await pipeline(req, meter, fs.createWriteStream(file, { flags: "wx" }))
  } catch (e) {
    await removeUpload(file)
    throw e
  }
  if (size === 0) {
    await removeUpload(file)
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "body: the file is empty")
  }
  return { path: file, sha256: hash.digest("hex"), size_bytes: size }
}

/** Deletes a saved upload; a file already gone is fine. */
export async function removeUpload(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true })
}
