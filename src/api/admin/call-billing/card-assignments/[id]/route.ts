import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { removeCardAssignmentsWorkflow } from "../../../../../workflows/rating"
import { refetchOrNotFound } from "../../../../utils/refetch"

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "card_assignment", "Card assignment", { id: req.params.id }, ["id"])
  await removeCardAssignmentsWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "card_assignment", deleted: true })
}
