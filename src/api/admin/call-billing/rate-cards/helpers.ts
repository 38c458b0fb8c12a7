import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/** The version of a card by id, or by number ("3"), or 404. */
export async function findVersion(scope: MedusaContainer, cardId: string, idOrNumber: string, fields: string[] = ["id", "number", "status", "rate_card_id"]) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const filters: Record<string, unknown> = { rate_card_id: cardId }
  if (/^\d+$/.test(idOrNumber)) {
    filters.number = Number(idOrNumber)
  } else {
    filters.id = idOrNumber
  }
  const { data } = await query.graph({ entity: "rate_card_version", fields, filters })
  if (!data[0]) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Rate card version ${idOrNumber} of rate card ${cardId} was not found`
    )
  }
  return data[0]
}
