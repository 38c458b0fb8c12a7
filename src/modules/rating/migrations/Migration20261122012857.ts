import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122012857 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_card_assignment" drop constraint if exists "call_billing_card_assignment_account_id_direction_rate_card_id_unique";`);
    this.addSql(`alter table if exists "call_billing_card_assignment" drop constraint if exists "call_billing_card_assignment_account_id_direction_unique";`);
    this.addSql(`alter table if exists "call_billing_card_assignment" drop constraint if exists "call_billing_card_assignment_direction_unique";`);
    this.addSql(`alter table if exists "call_billing_rate" drop constraint if exists "call_billing_rate_version_id_prefix_band_direction_unique";`);
    this.addSql(`alter table if exists "call_billing_rate_card_version" drop constraint if exists "call_billing_rate_card_version_rate_card_id_number_unique";`);
    this.addSql(`alter table if exists "call_billing_rate_card" drop constraint if exists "call_billing_rate_card_code_unique";`);
    this.addSql(`alter table if exists "call_billing_time_profile" drop constraint if exists "call_billing_time_profile_code_unique";`);
    this.addSql(`create table if not exists "call_billing_time_profile" ("id" text not null, "code" text not null, "name" text not null, "description" text null, "rules" jsonb not null, "holidays" jsonb not null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_time_profile_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_time_profile_deleted_at" ON "call_billing_time_profile" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_time_profile_code_unique" ON "call_billing_time_profile" ("code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_rate_card" ("id" text not null, "code" text not null, "name" text not null, "description" text null, "kind" text check ("kind" in ('sell', 'buy')) not null default 'sell', "currency_code" text not null, "decimals" integer not null default 4, "rounding" text check ("rounding" in ('half_up', 'up', 'down', 'half_even')) not null default 'half_up', "direction" text check ("direction" in ('outbound', 'inbound', 'both')) not null default 'outbound', "carrier" text null, "charge_unanswered" boolean not null default false, "max_charge_per_call" numeric null, "metadata" jsonb null, "time_profile_id" text null, "raw_max_charge_per_call" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_rate_card_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_rate_card_time_profile_id" ON "call_billing_rate_card" ("time_profile_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_rate_card_deleted_at" ON "call_billing_rate_card" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_rate_card_code_unique" ON "call_billing_rate_card" ("code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_rate_card_kind_carrier" ON "call_billing_rate_card" ("kind", "carrier") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_rate_card_version" ("id" text not null, "number" integer not null, "status" text check ("status" in ('draft', 'published')) not null default 'draft', "effective_from" timestamptz null, "effective_to" timestamptz null, "row_count" integer not null default 0, "source_filename" text null, "source_sha256" text null, "notes" text null, "created_by" text null, "published_at" timestamptz null, "published_by" text null, "rate_card_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_rate_card_version_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_rate_card_version_rate_card_id" ON "call_billing_rate_card_version" ("rate_card_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_rate_card_version_deleted_at" ON "call_billing_rate_card_version" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_rate_card_version_rate_card_id_number_unique" ON "call_billing_rate_card_version" ("rate_card_id", "number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_rate_card_version_rate_card_id_status_effective_from" ON "call_billing_rate_card_version" ("rate_card_id", "status", "effective_from") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_rate" ("id" text not null, "prefix" text not null, "destination" text null, "destination_group" text null, "rate" numeric not null, "connect_fee" numeric not null default 0, "per_call" numeric not null default 0, "initial_increment" integer not null default 60, "subsequent_increment" integer not null default 60, "grace" integer not null default 0, "band" text not null default '', "direction" text check ("direction" in ('outbound', 'inbound')) not null default 'outbound', "line" integer null, "version_id" text not null, "raw_rate" jsonb not null, "raw_connect_fee" jsonb not null default '{"value":"0","precision":20}', "raw_per_call" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_rate_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_rate_version_id" ON "call_billing_rate" ("version_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_rate_deleted_at" ON "call_billing_rate" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_rate_version_id_prefix_band_direction_unique" ON "call_billing_rate" ("version_id", "prefix", "band", "direction") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_card_assignment" ("id" text not null, "scope" text check ("scope" in ('system', 'account', 'override')) not null, "account_id" text null, "direction" text check ("direction" in ('outbound', 'inbound')) not null, "priority" integer not null default 0, "rate_card_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_card_assignment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_card_assignment_rate_card_id" ON "call_billing_card_assignment" ("rate_card_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_card_assignment_deleted_at" ON "call_billing_card_assignment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_card_assignment_direction_unique" ON "call_billing_card_assignment" ("direction") WHERE scope = 'system' AND deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_card_assignment_account_id_direction_unique" ON "call_billing_card_assignment" ("account_id", "direction") WHERE scope = 'account' AND deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_card_assignment_account_id_direction_rate_card_id_unique" ON "call_billing_card_assignment" ("account_id", "direction", "rate_card_id") WHERE scope = 'override' AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "call_billing_rate_card" add constraint "call_billing_rate_card_time_profile_id_foreign" foreign key ("time_profile_id") references "call_billing_time_profile" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table if exists "call_billing_rate_card_version" add constraint "call_billing_rate_card_version_rate_card_id_foreign" foreign key ("rate_card_id") references "call_billing_rate_card" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "call_billing_rate" add constraint "call_billing_rate_version_id_foreign" foreign key ("version_id") references "call_billing_rate_card_version" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "call_billing_card_assignment" add constraint "call_billing_card_assignment_rate_card_id_foreign" foreign key ("rate_card_id") references "call_billing_rate_card" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_rate_card" drop constraint if exists "call_billing_rate_card_time_profile_id_foreign";`);

    this.addSql(`alter table if exists "call_billing_rate_card_version" drop constraint if exists "call_billing_rate_card_version_rate_card_id_foreign";`);

    this.addSql(`alter table if exists "call_billing_card_assignment" drop constraint if exists "call_billing_card_assignment_rate_card_id_foreign";`);

    this.addSql(`alter table if exists "call_billing_rate" drop constraint if exists "call_billing_rate_version_id_foreign";`);

    this.addSql(`drop table if exists "call_billing_time_profile" cascade;`);

    this.addSql(`drop table if exists "call_billing_rate_card" cascade;`);

    this.addSql(`drop table if exists "call_billing_rate_card_version" cascade;`);

    this.addSql(`drop table if exists "call_billing_rate" cascade;`);

    this.addSql(`drop table if exists "call_billing_card_assignment" cascade;`);
  }

}
