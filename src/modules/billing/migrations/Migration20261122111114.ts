import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122111114 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_wallet_entry_account_id_call_id" ON "call_billing_wallet_entry" ("account_id", "call_id") WHERE deleted_at IS NULL AND call_id IS NOT NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_call_billing_wallet_entry_account_id_call_id";`);
  }

}
