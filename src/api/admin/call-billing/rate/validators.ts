import { z } from "@medusajs/framework/zod"
import { direction, isoDate } from "../../../utils/validators"

export const AdminRateCall = z
  .object({
    account_id: z.string().min(1),
    number: z.string().trim().min(1).max(64),
    direction: direction.default("outbound"),
    answer_time: isoDate,
    billsec: z.number().int().min(0).max(7 * 24 * 3600),
    disposition: z.enum(["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"]).default("ANSWERED"),
    carrier: z.string().nullish(),
  })
  .strict()
export type AdminRateCallType = z.infer<typeof AdminRateCall>
