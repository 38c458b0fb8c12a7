import { model } from "@medusajs/framework/utils"

/**
 * Credit held for a call in progress (authorize → extend → settle, modelled on
 * Diameter credit control). `terms` keeps the rate the grant was priced at, so
 * an extension and the settlement use the same terms.
 */
const Reservation = model
  .define(
    { name: "CreditReservation", tableName: "call_billing_reservation" },
    {
      id: model.id({ prefix: "bres" }).primaryKey(),
      account_id: model.text(),
      call_id: model.text().nullable(),
      number: model.text(),
      direction: model.enum(["outbound", "inbound"]),
      status: model.enum(["open", "settled", "released", "expired"]).default("open"),
      granted_seconds: model.number(),
      /** what is held now */
      amount: model.bigNumber(),
      currency_code: model.text(),
      /** { rate, connect_fee, per_call, initial_increment, subsequent_increment, rate_id, rate_card_version_id, decimals, rounding } */
      terms: model.json(),
      expires_at: model.dateTime(),
      used_seconds: model.number().nullable(),
      settled_amount: model.bigNumber().nullable(),
      settled_at: model.dateTime().nullable(),
      /** how it ended: cdr | report | expired */
      settled_by: model.text().nullable(),
      /** the stored CDR (metering call row) that settled it, or that arrived after its report */
      call_record_id: model.text().nullable(),
    }
  )
  .indexes([
    { on: ["account_id", "status"], where: "deleted_at IS NULL" },
    { on: ["status", "expires_at"], where: "deleted_at IS NULL AND status = 'open'" },
    { on: ["account_id", "call_id"], where: "deleted_at IS NULL AND call_id IS NOT NULL" },
    { on: ["call_record_id"], where: "deleted_at IS NULL AND call_record_id IS NOT NULL" },
    // reported calls whose CDR has not arrived yet (an import matches them)
    { on: ["call_id"], where: "deleted_at IS NULL AND settled_by = 'report' AND call_record_id IS NULL" },
  ])

export default Reservation
