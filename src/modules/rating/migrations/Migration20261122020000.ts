import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Rate rows are written by the hundred thousand with COPY and never
 * soft-deleted (a draft's rows are removed, a published version's never), so
 * two indexes DML adds to every table only slow the load down: the partial
 * index on `deleted_at` (every key NULL: it alone took ~3 s of a 200,000-row
 * COPY) and the one on `version_id`, which the unique
 * (version_id, prefix, band, direction) index already leads with.
 */
export class Migration20261122020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_call_billing_rate_deleted_at";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_call_billing_rate_version_id";`)
  }

  override async down(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_call_billing_rate_deleted_at" ON "call_billing_rate" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_call_billing_rate_version_id" ON "call_billing_rate" ("version_id") WHERE deleted_at IS NULL;`
    )
  }
}
