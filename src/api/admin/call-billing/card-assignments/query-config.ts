export const defaultAdminCardAssignmentFields = [
  "id",
  "scope",
  "account_id",
  "direction",
  "priority",
  "rate_card_id",
  "created_at",
  "rate_card.id",
  "rate_card.code",
  "rate_card.name",
]

export const listCardAssignmentTransformQueryConfig = {
  defaults: defaultAdminCardAssignmentFields,
  isList: true,
}
