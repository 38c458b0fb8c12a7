import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { assignRateCardWorkflow } from "../../../../../../workflows/rating"
import { refetchOrNotFound } from "../../../../../utils/refetch"
import { AdminAssignAccountCardType } from "../../validators"

const FIELDS = [
  "id",
  "scope",
  "account_id",
  "direction",
  "priority",
  "rate_card_id",
  "rate_card.id",
  "rate_card.code",
  "rate_card.name",
  "rate_card.currency_code",
]

/**
 * The cards that rate this account's calls, per direction, in the order the
 * engine tries them (RATING.md §3.1): overrides, the account's card, the
 * system default.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, ["id"])
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: own }, { data: system }] = await Promise.all([
    query.graph({ entity: "card_assignment", fields: FIELDS, filters: { account_id: req.params.id } }),
    query.graph({ entity: "card_assignment", fields: FIELDS, filters: { scope: "system" } }),
  ])
  const rank = { override: 0, account: 1, system: 2 } as const
  const ordered = (dir: string) =>
    [...own, ...system]
      .filter((a: any) => a.direction === dir)
      .sort(
        (a: any, b: any) =>
          rank[a.scope as keyof typeof rank] - rank[b.scope as keyof typeof rank] ||
          a.priority - b.priority
      )
  res.json({
    card_assignments: [...own, ...system],
    order: { outbound: ordered("outbound"), inbound: ordered("inbound") },
  })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminAssignAccountCardType>,
  res: MedusaResponse
) => {
  const { result } = await assignRateCardWorkflow(req.scope).run({
    input: { ...req.validatedBody, account_id: req.params.id },
  })
  const card_assignment = await refetchOrNotFound(
    req.scope,
    "card_assignment",
    "Card assignment",
    { id: result.id },
    FIELDS
  )
  res.status(201).json({ card_assignment })
}
