import { z } from "@medusajs/framework/zod"
import { findParams } from "../../../utils/validators"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"

const rule = z.object({
  band: z.string().trim().min(1),
  days: z.array(z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])).min(1),
  from: z.string(),
  to: z.string(),
})
const holiday = z.object({ date: z.string(), band: z.string().trim().min(1) })

// Times, day order and dates are checked by the engine's validateProfile in the workflow.
export const AdminCreateTimeProfile = z
  .object({
    code: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(200),
    description: z.string().nullish(),
    rules: z.array(rule),
    holidays: z.array(holiday).optional(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
  })
  .strict()
export type AdminCreateTimeProfileType = z.infer<typeof AdminCreateTimeProfile>

export const AdminUpdateTimeProfile = AdminCreateTimeProfile.partial().strict()
export type AdminUpdateTimeProfileType = z.infer<typeof AdminUpdateTimeProfile>

export const AdminGetTimeProfileParams = createSelectParams()
export const AdminGetTimeProfilesParams = findParams({ limit: 50 }).merge(
  z.object({ q: z.string().optional() })
)
