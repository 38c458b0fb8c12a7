import { z } from "@medusajs/framework/zod"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { EXCEPTION_REASONS } from "../../../../modules/metering/types"
import { findParams } from "../../../utils/validators"

const reason = z.enum(EXCEPTION_REASONS as unknown as [string, ...string[]])
const text = (max: number) => z.string().trim().min(1).max(max)

export const AdminGetUsageExceptionParams = createSelectParams()

export const AdminGetUsageExceptionsParams = findParams({ limit: 50, order: "-created_at" }).merge(
  z.object({
    status: z.enum(["open", "resolved", "ignored"]).optional(),
    reason: reason.optional(),
    source: text(200).optional(),
    account_code: text(64).optional(),
    import_job_id: text(64).optional(),
    /** part of the record key (call id) */
    q: z.string().trim().max(200).optional(),
  })
)
export type AdminGetUsageExceptionsParamsType = z.infer<typeof AdminGetUsageExceptionsParams>

/** Which open exceptions "all" means. */
export const ExceptionFilter = z
  .object({
    reason: reason.optional(),
    status: z.literal("open", { message: 'only open exceptions can be reprocessed: status must be "open" or left out' }).optional(),
    source: text(200).optional(),
    account_code: text(64).optional(),
    import_job_id: text(64).optional(),
    q: z.string().trim().max(200).optional(),
  })
  .strict()

export const AdminReprocessExceptions = z
  .object({
    ids: z.array(text(64)).min(1).max(1000).optional(),
    all: z.literal(true).optional(),
    filter: ExceptionFilter.optional(),
    patch: z
      .object({
        account_code: text(64).optional(),
        fields: z.record(z.string().min(1).max(64), z.string().max(1000)).optional(),
      })
      .strict()
      .optional(),
    accept_out_of_policy: z.boolean().optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.ids && (b.all || b.filter)) {
      ctx.addIssue({ code: "custom", path: ["ids"], message: "give either ids or all/filter, not both" })
    } else if (!b.ids && !b.all && !b.filter) {
      ctx.addIssue({ code: "custom", path: [], message: "say which exceptions to reprocess: ids (at most 1000), or all: true with an optional filter" })
    }
  })
export type AdminReprocessExceptionsType = z.infer<typeof AdminReprocessExceptions>

export const AdminIgnoreExceptions = z
  .object({
    ids: z.array(text(64)).min(1).max(1000),
    note: z.string({ message: "required: say why the exceptions are ignored" }).trim().min(1, "required: say why the exceptions are ignored").max(2000),
  })
  .strict()
export type AdminIgnoreExceptionsType = z.infer<typeof AdminIgnoreExceptions>
