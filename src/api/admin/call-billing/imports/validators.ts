import { z } from "@medusajs/framework/zod"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { findParams, stringList, timezone } from "../../../utils/validators"
import { USAGE_FILE_FORMATS } from "../../../../workflows/metering/types"

const STATUSES = ["queued", "running", "completed", "failed"] as const
const CHANNELS = ["upload", "rest", "sftp", "s3", "stream"] as const

/**
 * Options of a file upload, in the query string: the body is the file itself
 * (`Content-Type: text/csv` or `application/octet-stream`), streamed to disk.
 */
export const AdminUploadUsageFile = z
  .object({
    format: z.enum(["generic", "asterisk", "freeswitch", "events"], {
      message: `must be one of ${USAGE_FILE_FORMATS.join(", ")}`,
    }),
    source: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .regex(/^[^\s,]+$/, "must be one word without spaces or commas (the switch or system, e.g. pbx-1)")
      .default("default"),
    timezone: timezone.optional(),
    filename: z.string().trim().min(1).max(255).optional(),
    default_account: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
export type AdminUploadUsageFileType = z.infer<typeof AdminUploadUsageFile>

export const AdminGetImportJobParams = createSelectParams()
export const AdminGetImportJobsParams = findParams({ limit: 20, order: "-created_at" }).merge(
  z.object({
    id: stringList.optional(),
    status: stringList.pipe(z.array(z.enum(STATUSES))).optional(),
    channel: stringList.pipe(z.array(z.enum(CHANNELS))).optional(),
    source: stringList.optional(),
    format: stringList.optional(),
  })
)
