import { z } from "@medusajs/framework/zod"
import { isoDate } from "../../../utils/validators"

export const AdminRerateUsage = z
  .object({
    account_id: z.string().trim().min(1).max(64),
    from: isoDate,
    to: isoDate,
    /** also re-rate calls on finalized invoices; their difference becomes a debit or credit note */
    adjust_invoiced: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.from < b.to, { path: ["to"], message: "must be after from" })
export type AdminRerateUsageType = z.infer<typeof AdminRerateUsage>
