import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { importUsageWorkflow } from "../../../../workflows/metering/workflows/import-usage"
import { queueImportWorkflow } from "../../../../workflows/metering/workflows/queue-import"
import { refetchOrNotFound } from "../../../utils/refetch"
import { removeUpload, saveUpload, UploadTooLargeError } from "./upload"
import type { AdminUploadUsageFileType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: import_jobs, metadata } = await query.graph({
    entity: "import_job",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ import_jobs, count: metadata!.count, offset: metadata!.skip, limit: metadata!.take })
}

/**
 * A usage file as the raw body (options in the query string). The file is
 * streamed to disk and hashed, the job is queued and answered with 202; the
 * import runs in the background and its counters show the progress.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const options = req.validatedQuery as unknown as AdminUploadUsageFileType
  let upload: Awaited<ReturnType<typeof saveUpload>>
  try {
    upload = await saveUpload(req)
  } catch (e) {
    if (e instanceof UploadTooLargeError) {
      res.setHeader("Connection", "close")
      res.status(413).json({ type: "invalid_data", message: `body: ${e.message}` })
      return
    }
    throw e
  }

  const filename = options.filename ?? null
  const created_by = req.auth_context?.actor_id ?? null
  let jobId: string
  try {
    const { result: job } = await queueImportWorkflow(req.scope).run({
      input: {
        source: options.source,
        channel: "upload",
        format: options.format,
        filename,
        sha256: upload.sha256,
        size_bytes: upload.size_bytes,
        timezone: options.timezone ?? null,
        created_by,
      },
    })
    jobId = job.id
  } catch (e) {
    await removeUpload(upload.path)
    throw e
  }

  const import_job = await refetchOrNotFound(req.scope, "import_job", "Import job", { id: jobId }, req.queryConfig.fields)
  res.status(202).json({ import_job })

  // Not awaited: the job's status and counters report how it goes; a failure marks it failed.
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  importUsageWorkflow(req.scope)
    .run({
      input: {
        job_id: jobId,
        source: options.source,
        channel: "upload",
        filename,
        sha256: upload.sha256,
        size_bytes: upload.size_bytes,
        created_by,
        file: {
          path: upload.path,
          format: options.format,
          timezone: options.timezone ?? null,
          default_account: options.default_account ?? null,
        },
      },
    })
    .catch((e: any) => logger.warn(`call-billing: import ${jobId} (${filename ?? "upload"}) failed: ${e?.message ?? e}`))
    .finally(() => removeUpload(upload.path).catch(() => {}))
}
