import { model } from "@medusajs/framework/utils"

/**
 * How an account's invoices are taxed (BILLING.md §4): one or more rates
 * computed separately on the rounded taxable lines (VAT 20 %, or CGST 9 % +
 * SGST 9 %), inclusive or exclusive; exempt or reverse charge prints a note and
 * no tax; telecom surcharges become their own lines.
 */
const TaxProfile = model
  .define(
    { name: "TaxProfile", tableName: "call_billing_tax_profile" },
    {
      id: model.id({ prefix: "btax" }).primaryKey(),
      code: model.text().searchable(),
      name: model.text().searchable(),
      inclusive: model.boolean().default(false),
      exempt: model.boolean().default(false),
      reverse_charge: model.boolean().default(false),
      /** legal text printed on the invoice (reverse charge, exemption) */
      note: model.text().nullable(),
      /** [{ code, name, rate }] with rate a decimal string ("0.2") */
      components: model.json(),
      /** [{ code, name, percent? | per_minute?, taxable }] */
      surcharges: model.json().nullable(),
    }
  )
  .indexes([{ on: ["code"], unique: true, where: "deleted_at IS NULL" }])

export default TaxProfile
