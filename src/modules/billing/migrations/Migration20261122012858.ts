import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122012858 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_billing_account" drop constraint if exists "call_billing_billing_account_code_unique";`);
    this.addSql(`create table if not exists "call_billing_billing_account" ("id" text not null, "code" text not null, "name" text not null, "email" text null, "currency_code" text not null, "timezone" text not null, "country_code" text not null, "international_prefix" text not null default '00', "trunk_prefix" text not null default '0', "status" text check ("status" in ('active', 'suspended', 'closed')) not null default 'active', "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_billing_account_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_billing_account_deleted_at" ON "call_billing_billing_account" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_billing_account_code_unique" ON "call_billing_billing_account" ("code") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "call_billing_billing_account" cascade;`);
  }

}
