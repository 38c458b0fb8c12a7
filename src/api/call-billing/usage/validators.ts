import { z } from "@medusajs/framework/zod"

/** Calls and events together, per request. */
export const MAX_PUSH_RECORDS = 10_000

/**
 * `POST /call-billing/usage`. Records stay `unknown` here: each one is checked
 * like a CSV line by the import (a bad record is rejected on its own, with its
 * reason, and never fails the request). Only the envelope is refused with 400.
 */
export const PushUsage = z
  .object({
    /** the switch or system the records come from; (source, call_id) is the dedupe key */
    source: z.string().trim().min(1).max(200).default("rest"),
    calls: z.array(z.unknown()).optional(),
    events: z.array(z.unknown()).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const calls = body.calls?.length ?? 0
    const events = body.events?.length ?? 0
    if (calls + events === 0) {
      ctx.addIssue({ code: "custom", path: ["calls"], message: "send at least one record in calls or events" })
    } else if (calls + events > MAX_PUSH_RECORDS) {
      ctx.addIssue({
        code: "custom",
        path: [calls >= events ? "calls" : "events"],
        message: `at most ${MAX_PUSH_RECORDS} records per request (calls and events together), got ${calls + events} (${calls} calls, ${events} events); split them over several requests`,
      })
    }
  })
export type PushUsageType = z.infer<typeof PushUsage>

/** The `Idempotency-Key` header: any printable ASCII, at most 255 characters. */
export const IdempotencyKey = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(255, "must be at most 255 characters")
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
