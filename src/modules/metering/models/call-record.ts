import { model } from "@medusajs/framework/utils"

/**
 * One call, stored once per (source, call id), rated on arrival. The trace is
 * the rate row it matched (rate_id) plus what was derived from it, so the
 * explorer can say it in words without a copy of the row on every call.
 * Written in bulk with COPY (service `ingest`), never row by row.
 */
const CallRecord = model
  .define(
    { name: "CallRecord", tableName: "call_billing_call" },
    {
      id: model.id({ prefix: "call" }).primaryKey(),
      source: model.text(),
      call_id: model.text(),
      account_id: model.text(),
      account_code: model.text(),
      direction: model.enum(["outbound", "inbound"]),
      caller: model.text().nullable(),
      callee: model.text(),
      /** E.164 digits after normalisation */
      number: model.text(),
      answer_time: model.dateTime().nullable(),
      start_time: model.dateTime().nullable(),
      end_time: model.dateTime().nullable(),
      duration: model.number().nullable(),
      billsec: model.number(),
      disposition: model.text(),
      campaign: model.text().nullable(),
      agent: model.text().nullable(),
      queue: model.text().nullable(),
      trunk: model.text().nullable(),
      carrier: model.text().nullable(),
      // rating result
      rate_card_id: model.text().nullable(),
      rate_card_version_id: model.text().nullable(),
      version_number: model.number().nullable(),
      rate_id: model.text().nullable(),
      prefix: model.text().nullable(),
      destination: model.text().nullable(),
      destination_group: model.text().nullable(),
      band: model.text().nullable(),
      rated_seconds: model.number(),
      charge: model.bigNumber(),
      currency: model.text(),
      /** a card in another currency: its charge, and the FX rate in force at the call that converted it */
      original_charge: model.bigNumber().nullable(),
      original_currency: model.text().nullable(),
      fx_rate: model.bigNumber().nullable(),
      cost: model.bigNumber().nullable(),
      cost_currency: model.text().nullable(),
      cost_rate_card_id: model.text().nullable(),
      rated_at: model.dateTime(),
      // lineage
      import_job_id: model.text().nullable(),
      line: model.number().nullable(),
      request_id: model.text().nullable(),
      /** x_* columns and a switch's extra fields */
      metadata: model.json().nullable(),
    }
  )
  .indexes([
    { on: ["source", "call_id"], unique: true, where: "deleted_at IS NULL" },
    // (account_id, COALESCE(answer_time, start_time)), an account's calls by billing time: hand-written in
    // Migration20261123200000, since a DML index cannot hold an expression. Which document billed a call is
    // in call_billing_billed_call (Migration20261124000000), not on the call.
    // an import's own calls: the prepaid debit after it, reprocessing, the job's detail
    { on: ["import_job_id", "account_id"], where: "deleted_at IS NULL" },
  ])

export default CallRecord
