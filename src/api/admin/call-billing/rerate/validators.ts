import { z } from "@medusajs/framework/zod"
import { isoDate } from "../../../utils/validators"

export const AdminRerateUsage = z
  .object({
    account_id: z.string().trim().min(1).max(64),
    from: isoDate,
    to: isoDate,
  })
  .strict()
  .refine((b) => b.from < b.to, { path: ["to"], message: "must be after from" })
export type AdminRerateUsageType = z.infer<typeof AdminRerateUsage>
