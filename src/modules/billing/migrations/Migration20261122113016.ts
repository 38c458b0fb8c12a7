import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122113016 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_wallet_entry" drop constraint if exists "call_billing_wallet_entry_reservation_id_unique";`);
    this.addSql(`alter table if exists "call_billing_wallet_entry" drop constraint if exists "call_billing_wallet_entry_call_record_id_unique";`);
    this.addSql(`alter table if exists "call_billing_reservation" add column if not exists "call_record_id" text null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_reservation_call_record_id" ON "call_billing_reservation" ("call_record_id") WHERE deleted_at IS NULL AND call_record_id IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_reservation_call_id" ON "call_billing_reservation" ("call_id") WHERE deleted_at IS NULL AND settled_by = 'report' AND call_record_id IS NULL;`);

    this.addSql(`drop index if exists "IDX_call_billing_wallet_entry_account_id_call_id_unique";`);

    this.addSql(`alter table if exists "call_billing_wallet_entry" add column if not exists "call_record_id" text null;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_wallet_entry_call_record_id_unique" ON "call_billing_wallet_entry" ("call_record_id") WHERE deleted_at IS NULL AND type = 'debit' AND call_record_id IS NOT NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_wallet_entry_reservation_id_unique" ON "call_billing_wallet_entry" ("reservation_id") WHERE deleted_at IS NULL AND type = 'debit' AND reservation_id IS NOT NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_call_billing_reservation_call_record_id";`);
    this.addSql(`drop index if exists "IDX_call_billing_reservation_call_id";`);
    this.addSql(`alter table if exists "call_billing_reservation" drop column if exists "call_record_id";`);

    this.addSql(`drop index if exists "IDX_call_billing_wallet_entry_call_record_id_unique";`);
    this.addSql(`drop index if exists "IDX_call_billing_wallet_entry_reservation_id_unique";`);
    this.addSql(`alter table if exists "call_billing_wallet_entry" drop column if exists "call_record_id";`);

    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_wallet_entry_account_id_call_id_unique" ON "call_billing_wallet_entry" ("account_id", "call_id") WHERE deleted_at IS NULL AND type = 'debit';`);
  }

}
