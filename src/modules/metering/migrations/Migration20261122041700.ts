import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Calls and meter events arrive by the million through COPY and are never
 * soft-deleted, so DML's partial index on `deleted_at` (every key NULL) only
 * slows each insert down. The unique natural keys and the (account, time)
 * indexes stay: dedupe and period queries need them.
 */
export class Migration20261122041700 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_call_billing_call_deleted_at";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_call_billing_meter_event_deleted_at";`)
  }

  override async down(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_call_deleted_at" ON "call_billing_call" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_call_billing_meter_event_deleted_at" ON "call_billing_meter_event" ("deleted_at") WHERE deleted_at IS NULL;`
    )
  }
}
