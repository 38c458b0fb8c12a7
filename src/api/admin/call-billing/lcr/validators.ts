import { z } from "@medusajs/framework/zod"
import { direction, isoDate } from "../../../utils/validators"

export const AdminLcrParams = z.object({
  number: z.string().trim().min(1, "number is required"),
  direction: direction.default("outbound"),
  at: isoDate.optional(),
  billsec: z.coerce.number().int().min(1).max(86400).default(60),
  account_id: z.string().optional(),
  country_code: z.string().regex(/^\d{1,4}$/, "country_code must be digits").optional(),
})
export type AdminLcrParamsType = z.infer<typeof AdminLcrParams>
