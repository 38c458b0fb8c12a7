import type { UsageFileFormat } from "../../workflows/metering/types"

/** What to do with a file once it is imported: move it to a done folder, or mark it in place. */
export type AfterPull = "move" | "mark"

type CommonSourceConfig = {
  /** unique name of this pull (lock key, logs) */
  name: string
  /** dedupe source of the records (the switch); default: `name` */
  source: string
  format: UsageFileFormat
  timezone: string | null
  default_account: string | null
  /** glob matched against the file name (SFTP) or the key below the prefix (S3) */
  pattern: string
  after: AfterPull
  /** files younger than this are left for the next run (still being written) */
  min_age_seconds: number
}

export type SftpSourceConfig = CommonSourceConfig & {
  type: "sftp"
  host: string
  port: number
  username: string
  password: string | null
  private_key: string | null
  passphrase: string | null
  /** remote folder the files are dropped in */
  path: string
  /** folder files are moved to (after: "move"); default `<path>/done` */
  done_path: string
}

export type S3SourceConfig = CommonSourceConfig & {
  type: "s3"
  bucket: string
  /** key prefix the files are dropped under ("" or ending in "/") */
  prefix: string
  /** prefix files are moved to (after: "move"); default `<prefix>done/` */
  done_prefix: string
  /** S3-compatible endpoint (MinIO, Ceph, …); AWS when unset */
  endpoint: string | null
  region: string
  access_key_id: string | null
  secret_access_key: string | null
  force_path_style: boolean
}

/** A pull source, validated, defaults applied and `env:` credentials resolved. */
export type UsageSourceConfig = SftpSourceConfig | S3SourceConfig

/** A file waiting on a remote server. */
export type RemoteFile = {
  /** the file's name (SFTP) or its key below the prefix (S3): the import job's filename */
  name: string
  /** full remote path or object key */
  path: string
  size: number
  modified_at: Date | null
}

/**
 * A place usage files are pulled from. One instance holds one connection;
 * `close` it when done.
 */
export interface UsageFileSource {
  /** files matching the source's pattern that are not done yet, oldest name first */
  list(): Promise<RemoteFile[]>
  /** streams the file to a local path and hashes it on the way */
  download(file: RemoteFile, toPath: string): Promise<{ sha256: string; size: number }>
  /** moves the file to the done folder or marks it, per the source's `after` */
  markDone(file: RemoteFile): Promise<void>
  close(): Promise<void>
}
