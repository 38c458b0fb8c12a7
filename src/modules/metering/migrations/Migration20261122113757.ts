import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122113757 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_call" add column if not exists "original_charge" numeric null, add column if not exists "original_currency" text null, add column if not exists "fx_rate" numeric null, add column if not exists "raw_original_charge" jsonb null, add column if not exists "raw_fx_rate" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_call" drop column if exists "original_charge", drop column if exists "original_currency", drop column if exists "fx_rate", drop column if exists "raw_original_charge", drop column if exists "raw_fx_rate";`);
  }

}
