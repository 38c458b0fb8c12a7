export const defaultAdminIssuingEntityFields = [
  "id",
  "code",
  "legal_name",
  "address",
  "tax_id",
  "email",
  "currency_code",
  "invoice_prefix",
  "credit_note_prefix",
  "next_invoice_number",
  "next_credit_note_number",
  "sequence_year",
  "logo_url",
  "primary_color",
  "accent_color",
  "metadata",
  "created_at",
  "updated_at",
]

export const retrieveIssuingEntityTransformQueryConfig = {
  defaults: defaultAdminIssuingEntityFields,
  isList: false,
}

export const listIssuingEntityTransformQueryConfig = {
  ...retrieveIssuingEntityTransformQueryConfig,
  isList: true,
}
