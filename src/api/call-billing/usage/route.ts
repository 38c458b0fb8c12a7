import { createHash } from "crypto"
import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { importUsageWorkflow } from "../../../workflows/metering/workflows/import-usage"
import { recordPushRejectionsWorkflow, releaseFailedPushWorkflow } from "../../../workflows/metering/workflows/push-usage"
import { dropRecords, holdRecords } from "../../../workflows/metering/utils/record-handoff"
import { awaitPushJob, findPushJob } from "./helpers"
import { IdempotencyKey, PushUsageType } from "./validators"

const sha256 = (...parts: (string | Buffer)[]) => {
  const h = createHash("sha256")
  for (const p of parts) h.update(p)
  return h.digest("hex")
}

/**
 * Pushes calls and meter events (at most 10,000 a request) with a secret API
 * key. Every record is rated and stored, counted a duplicate, or rejected to
 * the exception queue with its reason; the answer lists the rejected ones.
 *
 * Always 200 with `{ job_id, received, inserted, duplicates, exceptions,
 * exception_reasons, rejected: [{ index, kind, id, reason, details }] }`.
 * Idempotent: the request key is the `Idempotency-Key` header (per API key)
 * or, without it, the SHA-256 of the API key id and the raw body. A retry
 * stores nothing again and gets the first answer, with the header
 * `Idempotent-Replayed: true`; a retry that arrives while the first is still
 * running waits for it. The same Idempotency-Key with another body is 422.
 */
export const POST = async (req: AuthenticatedMedusaRequest<PushUsageType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const actor = req.auth_context.actor_id
  const raw: Buffer = (req as any).rawBody ?? Buffer.from(JSON.stringify(req.body ?? {}))
  const bodyHash = sha256(raw)

  const header = req.get("idempotency-key")
  let requestKey: string
  let requestId: string
  if (header !== undefined) {
    const parsed = IdempotencyKey.safeParse(header)
    if (!parsed.success) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Idempotency-Key header: ${parsed.error.issues[0].message}`)
    }
    requestKey = `rest:${actor}:key:${parsed.data}`
    requestId = parsed.data
  } else {
    requestId = sha256(actor, "\n", raw)
    requestKey = `rest:${actor}:body:${requestId}`
  }

  const replay = (answer: object) => {
    res.setHeader("Idempotent-Replayed", "true")
    res.status(200).json(answer)
  }

  // A failed attempt (ours or a concurrent one) stored nothing: the next round runs it again.
  for (let attempt = 1; ; attempt++) {
    const job = await findPushJob(req.scope, requestKey)
    if (job && job.sha256 !== bodyHash) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        `Idempotency-Key "${requestId}" was already used for a request with a different body (import job ${job.id}); send new records under a new key`
      )
    }
    if (job && job.status !== "failed") {
      const answer = await awaitPushJob(req.scope, job.id)
      if (answer) return replay(answer)
      continue
    }
    if (job) {
      // a failed attempt stored nothing: free its key and run the request again
      await releaseFailedPushWorkflow(req.scope).run({ input: { request_key: requestKey } })
    }
    let jobId: string
    // the records are handed over by reference: a workflow copies its input at every checkpoint
    const handle = holdRecords({ calls: body.calls, events: body.events })
    try {
      const { result: imported } = await importUsageWorkflow(req.scope).run({
        input: {
          source: body.source,
          channel: "rest",
          request_key: requestKey,
          request_id: requestId,
          sha256: bodyHash,
          size_bytes: raw.length,
          created_by: actor ?? null,
          records_handle: handle,
        },
      })
      jobId = imported.job_id
    } catch (e) {
      // an identical request got the key first (unique index): answer from its job
      const holder = await findPushJob(req.scope, requestKey)
      if (attempt < 3 && holder && holder.status !== "failed") continue
      throw e
    } finally {
      dropRecords(handle)
    }
    const { result } = await recordPushRejectionsWorkflow(req.scope).run({ input: { job_id: jobId } })
    return res.status(200).json(result)
  }
}
