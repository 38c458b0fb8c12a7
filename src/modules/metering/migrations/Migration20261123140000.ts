import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The calls and meter events a billing document took, found by the document:
 * an invoice's itemised statement (PDF, CSV, XLSX) pages through its calls in
 * billing-time order, and reopening, regenerating or undoing a close unmarks
 * a document's calls and events. Without these indexes each of those reads
 * the whole table, once per statement page. Partial on `invoice_id IS NOT
 * NULL`, so imports (which store unbilled rows) never touch them. Hand-written:
 * DML indexes cannot hold the expression the statement orders by.
 */
export class Migration20261123140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_call_billing_call_invoice_id_time" ON "call_billing_call" ("invoice_id", (COALESCE("answer_time", "start_time")), "id") WHERE invoice_id IS NOT NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_call_billing_meter_event_invoice_id" ON "call_billing_meter_event" ("invoice_id") WHERE invoice_id IS NOT NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_call_billing_call_invoice_id_time";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_call_billing_meter_event_invoice_id";`)
  }
}
