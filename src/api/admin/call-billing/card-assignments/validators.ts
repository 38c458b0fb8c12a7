import { z } from "@medusajs/framework/zod"
import { direction, findParams } from "../../../utils/validators"

export const AdminCreateCardAssignment = z
  .object({
    scope: z.enum(["system", "account", "override"]),
    account_id: z.string().min(1).nullish(),
    direction,
    rate_card_id: z.string().min(1),
    priority: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((a) => (a.scope === "system" ? !a.account_id : !!a.account_id), {
    message: "account_id is required for scope account or override, and must be empty for system",
    path: ["account_id"],
  })
export type AdminCreateCardAssignmentType = z.infer<typeof AdminCreateCardAssignment>

export const AdminGetCardAssignmentsParams = findParams({ limit: 100 }).merge(
  z.object({
    scope: z.enum(["system", "account", "override"]).optional(),
    account_id: z.string().optional(),
    direction: direction.optional(),
    rate_card_id: z.string().optional(),
  })
)
