import type { S3Client } from "@aws-sdk/client-s3"
import picomatch from "picomatch"
import type { Readable } from "stream"
import { saveAndHash } from "./download"
import type { RemoteFile, S3SourceConfig, UsageFileSource } from "./types"
import { lazyModule } from "../lazy-module"

/** the S3 SDK, loaded with the first S3 source (see lazyModule) */
const s3Sdk = lazyModule(() => require("@aws-sdk/client-s3") as typeof import("@aws-sdk/client-s3"))

/** Tag set on an object taken with after: "mark". */
export const PROCESSED_TAG = { Key: "processed", Value: "true" }

/**
 * Usage files in an S3 bucket (AWS or S3-compatible): objects directly under
 * `prefix` matching `pattern`; done objects are moved below `done_prefix`
 * (after: "move") or tagged `processed=true` (after: "mark").
 *
 * @example
 * const src = new S3UsageFileSource(config)
 * try { for (const f of await src.list()) { await src.download(f, tmp); await src.markDone(f) } } finally { await src.close() }
 */
export class S3UsageFileSource implements UsageFileSource {
  private readonly s3: S3Client

  constructor(private readonly config: S3SourceConfig) {
    this.s3 = new (s3Sdk().S3Client)({
      endpoint: config.endpoint ?? undefined,
      region: config.region,
      forcePathStyle: config.force_path_style,
      credentials: config.access_key_id ? { accessKeyId: config.access_key_id, secretAccessKey: config.secret_access_key! } : undefined,
      // newer SDKs send aws-chunked CRC32 trailers by default, which S3-compatible servers often refuse
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      maxAttempts: 2,
    })
  }

  async list(): Promise<RemoteFile[]> {
    const { bucket, prefix } = this.config
    const isMatch = picomatch(this.config.pattern, { dot: false })
    const now = Date.now()
    const files: RemoteFile[] = []
    let ContinuationToken: string | undefined
    do {
      // Delimiter "/": only this folder, not done/ below it
      const page = await this.s3
        .send(new (s3Sdk().ListObjectsV2Command)({ Bucket: bucket, Prefix: prefix, Delimiter: "/", ContinuationToken }))
        .catch((e) => {
          throw new Error(`S3 ${this.where()}: cannot list s3://${bucket}/${prefix}: ${describe(e)}`)
        })
      for (const o of page.Contents ?? []) {
        const name = o.Key!.slice(prefix.length)
        if (!name || !isMatch(name)) continue
        const modified = o.LastModified ?? null
        if (modified && now - modified.getTime() < this.config.min_age_seconds * 1000) continue
        files.push({ name, path: o.Key!, size: Number(o.Size ?? 0), modified_at: modified })
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (ContinuationToken)

    if (this.config.after === "mark") {
      const open: RemoteFile[] = []
      for (const f of files) {
        const { TagSet } = await this.s3.send(new (s3Sdk().GetObjectTaggingCommand)({ Bucket: bucket, Key: f.path }))
        if (!TagSet?.some((t) => t.Key === PROCESSED_TAG.Key && t.Value === PROCESSED_TAG.Value)) open.push(f)
      }
      return open.sort((a, b) => a.name.localeCompare(b.name))
    }
    return files.sort((a, b) => a.name.localeCompare(b.name))
  }

  async download(file: RemoteFile, toPath: string) {
    const obj = await this.s3.send(new (s3Sdk().GetObjectCommand)({ Bucket: this.config.bucket, Key: file.path }))
    return saveAndHash(obj.Body as Readable, toPath)
  }

  async markDone(file: RemoteFile): Promise<void> {
    const { bucket } = this.config
    if (this.config.after === "mark") {
      const { TagSet = [] } = await this.s3.send(new (s3Sdk().GetObjectTaggingCommand)({ Bucket: bucket, Key: file.path }))
      const tags = [...TagSet.filter((t) => t.Key !== PROCESSED_TAG.Key), PROCESSED_TAG]
      await this.s3.send(new (s3Sdk().PutObjectTaggingCommand)({ Bucket: bucket, Key: file.path, Tagging: { TagSet: tags } }))
      return
    }
    const CopySource = `${bucket}/${file.path.split("/").map(encodeURIComponent).join("/")}`
    await this.s3.send(new (s3Sdk().CopyObjectCommand)({ Bucket: bucket, Key: `${this.config.done_prefix}${file.name}`, CopySource }))
    await this.s3.send(new (s3Sdk().DeleteObjectCommand)({ Bucket: bucket, Key: file.path }))
  }

  async close(): Promise<void> {
    this.s3.destroy()
  }

  private where() {
    return this.config.endpoint ?? `${this.config.region}`
  }
}

function describe(e: any): string {
  const code = e?.name && e.name !== "Error" ? `${e.name}: ` : ""
  return `${code}${e?.message || e?.code || String(e)}`
}
