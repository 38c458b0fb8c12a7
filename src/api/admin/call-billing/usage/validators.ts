import { z } from "@medusajs/framework/zod"
import { direction, isoDate, stringList } from "../../../utils/validators"

/** One value or several (repeated, `?agent=a&agent=b`); not split on commas, which names may contain. */
const values = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean))

/** Filters of the usage explorer; totals are for the whole filter, rows are paged. */
export const AdminGetUsageParams = z
  .object({
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    account_id: stringList.optional(),
    /** answer_time ≥ from */
    from: isoDate.optional(),
    /** answer_time < to */
    to: isoDate.optional(),
    campaign: values.optional(),
    agent: values.optional(),
    disposition: values.optional(),
    source: values.optional(),
    direction: direction.optional(),
    /** rated = not yet invoiced, invoiced = billed by an invoice */
    status: z.enum(["rated", "invoiced"]).optional(),
    import_job_id: stringList.optional(),
    /** a call id, or the start of a call id or of a number (digits; spaces and + ignored) */
    q: z.string().trim().min(1).max(64).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to <= v.from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" })
    }
  })
export type AdminGetUsageParamsType = z.infer<typeof AdminGetUsageParams>
