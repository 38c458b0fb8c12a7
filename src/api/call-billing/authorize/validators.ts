import { z } from "@medusajs/framework/zod"

const seconds = (what: string) =>
  z.number({ error: `${what} must be a whole number of seconds` }).int(`${what} must be whole seconds`).min(1).max(86_400)

/** `POST /call-billing/authorize`: the account by id or by code. */
export const AuthorizeCall = z
  .object({
    account_id: z.string().min(1).optional(),
    account_code: z.string().min(1).optional(),
    number: z.string().trim().min(1).max(64),
    direction: z.enum(["outbound", "inbound"]).default("outbound"),
    requested_seconds: seconds("requested_seconds").optional(),
    /** the switch's call id; the CDR with this id settles the reservation */
    call_id: z.string().trim().min(1).max(200).nullish(),
  })
  .strict()
  .refine((b) => !!b.account_id !== !!b.account_code, {
    message: "give exactly one of account_id or account_code",
    path: ["account_id"],
  })
export type AuthorizeCallType = z.infer<typeof AuthorizeCall>

export const ExtendCall = z.object({ requested_seconds: seconds("requested_seconds").optional() }).strict()
export type ExtendCallType = z.infer<typeof ExtendCall>

export const SettleCall = z
  .object({
    used_seconds: z.number().int("used_seconds must be whole seconds").min(0).max(7 * 86_400),
    call_id: z.string().trim().min(1).max(200).nullish(),
  })
  .strict()
export type SettleCallType = z.infer<typeof SettleCall>
