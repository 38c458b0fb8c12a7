import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122163546 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_webhook_delivery" drop constraint if exists "call_billing_webhook_delivery_endpoint_id_event_key_unique";`);
    this.addSql(`alter table if exists "call_billing_sync_record" drop constraint if exists "call_billing_sync_record_provider_record_type_record_id_unique";`);
    this.addSql(`alter table if exists "call_billing_provider_event" drop constraint if exists "call_billing_provider_event_provider_event_id_unique";`);
    this.addSql(`alter table if exists "call_billing_notification_template" drop constraint if exists "call_billing_notification_template_kind_unique";`);
    this.addSql(`alter table if exists "call_billing_notification_template" drop constraint if exists "call_billing_notification_template_entity_id_kind_unique";`);
    this.addSql(`alter table if exists "call_billing_dunning_policy" drop constraint if exists "call_billing_dunning_policy_entity_id_unique";`);
    this.addSql(`alter table if exists "call_billing_dunning_policy" drop constraint if exists "call_billing_dunning_policy_account_id_unique";`);
    this.addSql(`alter table if exists "call_billing_dunning_event" drop constraint if exists "call_billing_dunning_event_invoice_id_step_unique";`);
    this.addSql(`create table if not exists "call_billing_dunning_event" ("id" text not null, "account_id" text not null, "invoice_id" text null, "step" text not null, "action" text not null, "occurred_at" timestamptz not null, "detail" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_dunning_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_dunning_event_deleted_at" ON "call_billing_dunning_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_dunning_event_invoice_id_step_unique" ON "call_billing_dunning_event" ("invoice_id", "step") WHERE deleted_at IS NULL AND invoice_id IS NOT NULL AND step <> 'payment_failed';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_dunning_event_account_id_occurred_at" ON "call_billing_dunning_event" ("account_id", "occurred_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_dunning_policy" ("id" text not null, "name" text not null, "account_id" text null, "entity_id" text null, "steps" jsonb not null, "grace_days" integer not null default 0, "active" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_dunning_policy_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_dunning_policy_deleted_at" ON "call_billing_dunning_policy" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_dunning_policy_account_id_unique" ON "call_billing_dunning_policy" ("account_id") WHERE deleted_at IS NULL AND account_id IS NOT NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_dunning_policy_entity_id_unique" ON "call_billing_dunning_policy" ("entity_id") WHERE deleted_at IS NULL AND entity_id IS NOT NULL AND account_id IS NULL;`);

    this.addSql(`create table if not exists "call_billing_notification_template" ("id" text not null, "entity_id" text null, "kind" text not null, "subject" text not null, "body" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_notification_template_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_notification_template_deleted_at" ON "call_billing_notification_template" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_notification_template_entity_id_kind_unique" ON "call_billing_notification_template" ("entity_id", "kind") WHERE deleted_at IS NULL AND entity_id IS NOT NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_notification_template_kind_unique" ON "call_billing_notification_template" ("kind") WHERE deleted_at IS NULL AND entity_id IS NULL;`);

    this.addSql(`create table if not exists "call_billing_provider_event" ("id" text not null, "provider" text check ("provider" in ('stripe', 'xero')) not null, "event_id" text not null, "type" text not null, "outcome" text check ("outcome" in ('processed', 'ignored')) not null default 'processed', "detail" text null, "received_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_provider_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_provider_event_deleted_at" ON "call_billing_provider_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_provider_event_provider_event_id_unique" ON "call_billing_provider_event" ("provider", "event_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_sync_record" ("id" text not null, "provider" text check ("provider" in ('stripe', 'xero')) not null, "record_type" text check ("record_type" in ('account', 'invoice', 'credit_note', 'payment')) not null, "record_id" text not null, "account_id" text not null, "status" text check ("status" in ('pending', 'synced', 'failed')) not null default 'pending', "external_id" text null, "attempts" integer not null default 0, "last_error" text null, "last_attempt_at" timestamptz null, "next_attempt_at" timestamptz null, "synced_at" timestamptz null, "data" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_sync_record_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_sync_record_deleted_at" ON "call_billing_sync_record" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_sync_record_provider_record_type_record_id_unique" ON "call_billing_sync_record" ("provider", "record_type", "record_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_sync_record_provider_status_next_attempt_at" ON "call_billing_sync_record" ("provider", "status", "next_attempt_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_sync_record_account_id" ON "call_billing_sync_record" ("account_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_webhook_delivery" ("id" text not null, "endpoint_id" text not null, "event" text not null, "event_key" text not null, "payload" jsonb not null, "status" text check ("status" in ('pending', 'delivered', 'failed')) not null default 'pending', "attempts" integer not null default 0, "next_attempt_at" timestamptz null, "last_attempt_at" timestamptz null, "response_status" integer null, "last_error" text null, "delivered_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_webhook_delivery_deleted_at" ON "call_billing_webhook_delivery" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_webhook_delivery_endpoint_id_event_key_unique" ON "call_billing_webhook_delivery" ("endpoint_id", "event_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_webhook_delivery_status_next_attempt_at" ON "call_billing_webhook_delivery" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_webhook_endpoint" ("id" text not null, "url" text not null, "description" text null, "secret" text not null, "events" jsonb not null, "active" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_webhook_endpoint_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_webhook_endpoint_deleted_at" ON "call_billing_webhook_endpoint" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "call_billing_billing_account" add column if not exists "suspension_reason" text null, add column if not exists "dunning_paused" boolean not null default false, add column if not exists "auto_top_up" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "call_billing_dunning_event" cascade;`);

    this.addSql(`drop table if exists "call_billing_dunning_policy" cascade;`);

    this.addSql(`drop table if exists "call_billing_notification_template" cascade;`);

    this.addSql(`drop table if exists "call_billing_provider_event" cascade;`);

    this.addSql(`drop table if exists "call_billing_sync_record" cascade;`);

    this.addSql(`drop table if exists "call_billing_webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "call_billing_webhook_endpoint" cascade;`);

    this.addSql(`alter table if exists "call_billing_billing_account" drop column if exists "suspension_reason", drop column if exists "dunning_paused", drop column if exists "auto_top_up";`);
  }

}
