import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { retrieveUsage } from "../queries"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const call = await retrieveUsage(knex, req.params.id)
  if (!call) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Call with id: ${req.params.id} was not found`)
  }
  res.json({ call })
}
