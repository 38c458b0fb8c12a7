import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/** Reads one entity back through query.graph; 404 naming it when absent. */
export async function refetchOrNotFound(
  scope: MedusaContainer,
  entity: string,
  label: string,
  filters: Record<string, unknown>,
  fields: string[]
) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity, fields, filters })
  if (!data[0]) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `${label} with id: ${filters.id} was not found`
    )
  }
  return data[0]
}
