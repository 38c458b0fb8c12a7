import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Which document billed a call moves from `call_billing_call.invoice_id` to
 * a narrow table of its own, `call_billing_billed_call` (call id, document,
 * billing time). A close used to write the document's id on each call it
 * billed: a new version of a ~300-byte row plus an entry in each of its five
 * indexes, 3 of the 4.8 s that each 1,000 accounts (100,000 calls) of a
 * 10,000-account close took. A row here is ~60 bytes with two index entries
 * (measured on the same 100,000 calls: 0.7 s against 2.1 s, a third of the
 * WAL). The primary key on the call keeps a call billed once; the index on
 * (document, billing time, call) serves a document's itemised statement in
 * order, as the partial index on the calls did. Existing marks are copied,
 * then the column and its index are dropped. Hand-written: the table is
 * written and read only by the module's SQL (billing-queries.ts), never by
 * the ORM, and a DML model would add three timestamp columns to every row.
 */
export class Migration20261124000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE TABLE IF NOT EXISTS "call_billing_billed_call" ("call_id" text NOT NULL PRIMARY KEY, "billed_by" text NOT NULL, "t" timestamptz NOT NULL);`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_billed_call_billed_by_t" ON "call_billing_billed_call" ("billed_by", "t", "call_id");`)
    this.addSql(
      `INSERT INTO "call_billing_billed_call" ("call_id", "billed_by", "t")
       SELECT "id", "invoice_id", COALESCE("answer_time", "start_time", "created_at") FROM "call_billing_call" WHERE "invoice_id" IS NOT NULL
       ON CONFLICT DO NOTHING;`
    )
    this.addSql(`DROP INDEX IF EXISTS "IDX_call_billing_call_invoice_id_time";`)
    this.addSql(`ALTER TABLE "call_billing_call" DROP COLUMN IF EXISTS "invoice_id";`)
  }

  override async down(): Promise<void> {
    this.addSql(`ALTER TABLE "call_billing_call" ADD COLUMN IF NOT EXISTS "invoice_id" text NULL;`)
    this.addSql(`UPDATE "call_billing_call" c SET "invoice_id" = b."billed_by" FROM "call_billing_billed_call" b WHERE b."call_id" = c."id";`)
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_call_billing_call_invoice_id_time" ON "call_billing_call" ("invoice_id", (COALESCE("answer_time", "start_time")), "id") WHERE invoice_id IS NOT NULL;`
    )
    this.addSql(`DROP TABLE IF EXISTS "call_billing_billed_call";`)
  }
}
