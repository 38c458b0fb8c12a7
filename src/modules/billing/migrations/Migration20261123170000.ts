import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** When an invoice was written off as uncollectible: the statement's write-off entry is dated by it. */
export class Migration20261123170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_invoice" add column if not exists "written_off_at" timestamptz null;`)
    // invoices written off before this column: their last update is the best record of when
    this.addSql(`update "call_billing_invoice" set "written_off_at" = "updated_at" where "status" = 'uncollectible' and "written_off_at" is null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_invoice" drop column if exists "written_off_at";`)
  }
}
