import { S3UsageFileSource } from "./s3"
import { SftpUsageFileSource } from "./sftp"
import type { UsageFileSource, UsageSourceConfig } from "./types"

export * from "./types"
export * from "./config"
export { SftpUsageFileSource } from "./sftp"
export { S3UsageFileSource, PROCESSED_TAG } from "./s3"

/**
 * Opens the source a configuration describes (connects, for SFTP).
 *
 * @example
 * const files = await openUsageFileSource(config)
 */
export async function openUsageFileSource(config: UsageSourceConfig): Promise<UsageFileSource> {
  return config.type === "sftp" ? SftpUsageFileSource.connect(config) : new S3UsageFileSource(config)
}
