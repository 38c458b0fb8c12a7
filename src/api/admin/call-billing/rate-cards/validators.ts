import { z } from "@medusajs/framework/zod"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { currencyCode, decimalString, findParams, isoDate, stringList } from "../../../utils/validators"

const cardFields = {
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  description: z.string().nullish(),
  kind: z.enum(["sell", "buy"]).optional(),
  currency_code: currencyCode,
  decimals: z.number().int().min(0).max(8).optional(),
  rounding: z.enum(["half_up", "up", "down", "half_even"]).optional(),
  direction: z.enum(["outbound", "inbound", "both"]).optional(),
  carrier: z.string().trim().min(1).nullish(),
  charge_unanswered: z.boolean().optional(),
  max_charge_per_call: decimalString(6).nullish(),
  time_profile_id: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
}

export const AdminCreateRateCard = z
  .object(cardFields)
  .strict()
  .refine((c) => c.kind !== "buy" || !!c.carrier, {
    message: "a buy card must name its carrier",
    path: ["carrier"],
  })
export type AdminCreateRateCardType = z.infer<typeof AdminCreateRateCard>

export const AdminUpdateRateCard = z
  .object({
    ...cardFields,
    code: cardFields.code.optional(),
    name: cardFields.name.optional(),
    currency_code: currencyCode.optional(),
  })
  .strict()
export type AdminUpdateRateCardType = z.infer<typeof AdminUpdateRateCard>

export const AdminGetRateCardParams = createSelectParams()

export const AdminGetRateCardsParams = findParams({ limit: 20 }).merge(
  z.object({
    q: z.string().optional(),
    id: stringList.optional(),
    code: stringList.optional(),
    kind: z.enum(["sell", "buy"]).optional(),
    direction: z.enum(["outbound", "inbound", "both"]).optional(),
    carrier: z.string().optional(),
  })
)

export const AdminGetRateCardVersionsParams = findParams({ limit: 50, order: "-number" }).merge(
  z.object({ status: z.enum(["draft", "published"]).optional() })
)
export const AdminGetRateCardVersionParams = createSelectParams()

/** A deck as JSON (`csv`); a raw `text/csv` body is accepted by the route too. */
export const AdminImportRateDeck = z
  .object({
    csv: z.string().min(1, "the deck is empty"),
    filename: z.string().max(255).nullish(),
    notes: z.string().nullish(),
  })
  .strict()
export type AdminImportRateDeckType = z.infer<typeof AdminImportRateDeck>

export const AdminPublishRateCardVersion = z
  .object({ effective_from: isoDate })
  .strict()
export type AdminPublishRateCardVersionType = z.infer<typeof AdminPublishRateCardVersion>

export const AdminGetRatesParams = z.object({
  q: z.string().optional(),
  band: z.string().optional(),
  direction: z.enum(["outbound", "inbound"]).optional(),
  destination_group: z.string().optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
})
export type AdminGetRatesParamsType = z.infer<typeof AdminGetRatesParams>

export const AdminDiffRateCardVersionsParams = z.object({
  from: z.string().min(1, "from (a version id or number) is required"),
  to: z.string().min(1, "to (a version id or number) is required"),
})
export type AdminDiffRateCardVersionsParamsType = z.infer<typeof AdminDiffRateCardVersionsParams>
