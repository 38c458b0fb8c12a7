import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122041645 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_usage_exception" drop constraint if exists "call_billing_usage_exception_kind_source_record_key_unique";`);
    this.addSql(`alter table if exists "call_billing_meter_event" drop constraint if exists "call_billing_meter_event_account_id_event_id_unique";`);
    this.addSql(`alter table if exists "call_billing_import_job" drop constraint if exists "call_billing_import_job_request_key_unique";`);
    this.addSql(`alter table if exists "call_billing_call" drop constraint if exists "call_billing_call_source_call_id_unique";`);
    this.addSql(`create table if not exists "call_billing_call" ("id" text not null, "source" text not null, "call_id" text not null, "account_id" text not null, "account_code" text not null, "direction" text check ("direction" in ('outbound', 'inbound')) not null, "caller" text null, "callee" text not null, "number" text not null, "answer_time" timestamptz null, "start_time" timestamptz null, "end_time" timestamptz null, "duration" integer null, "billsec" integer not null, "disposition" text not null, "campaign" text null, "agent" text null, "queue" text null, "trunk" text null, "carrier" text null, "rate_card_id" text null, "rate_card_version_id" text null, "version_number" integer null, "rate_id" text null, "prefix" text null, "destination" text null, "destination_group" text null, "band" text null, "rated_seconds" integer not null, "charge" numeric not null, "currency" text not null, "cost" numeric null, "cost_currency" text null, "cost_rate_card_id" text null, "rated_at" timestamptz not null, "invoice_id" text null, "import_job_id" text null, "line" integer null, "request_id" text null, "metadata" jsonb null, "raw_charge" jsonb not null, "raw_cost" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_call_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_call_deleted_at" ON "call_billing_call" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_call_source_call_id_unique" ON "call_billing_call" ("source", "call_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_call_account_id_answer_time" ON "call_billing_call" ("account_id", "answer_time") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_import_job" ("id" text not null, "source" text not null, "channel" text check ("channel" in ('upload', 'rest', 'sftp', 's3', 'stream')) not null, "format" text not null, "kind" text check ("kind" in ('calls', 'events')) not null default 'calls', "filename" text null, "sha256" text null, "size_bytes" numeric null, "timezone" text null, "request_key" text null, "status" text check ("status" in ('queued', 'running', 'completed', 'failed')) not null default 'queued', "received" integer not null default 0, "inserted" integer not null default 0, "duplicates" integer not null default 0, "exceptions" integer not null default 0, "exception_reasons" jsonb null, "started_at" timestamptz null, "finished_at" timestamptz null, "error" text null, "created_by" text null, "metadata" jsonb null, "raw_size_bytes" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_import_job_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_import_job_deleted_at" ON "call_billing_import_job" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_import_job_status" ON "call_billing_import_job" ("status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_import_job_request_key_unique" ON "call_billing_import_job" ("request_key") WHERE deleted_at IS NULL AND request_key IS NOT NULL;`);

    this.addSql(`create table if not exists "call_billing_meter_event" ("id" text not null, "source" text not null, "event_id" text not null, "account_id" text not null, "account_code" text not null, "metric" text not null, "quantity" numeric not null, "timestamp" timestamptz not null, "properties" jsonb null, "invoice_id" text null, "import_job_id" text null, "line" integer null, "request_id" text null, "raw_quantity" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_meter_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_meter_event_deleted_at" ON "call_billing_meter_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_meter_event_account_id_event_id_unique" ON "call_billing_meter_event" ("account_id", "event_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_meter_event_account_id_metric_timestamp" ON "call_billing_meter_event" ("account_id", "metric", "timestamp") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_usage_exception" ("id" text not null, "kind" text check ("kind" in ('call', 'event')) not null, "source" text not null, "record_key" text not null, "account_code" text null, "account_id" text null, "reason" text check ("reason" in ('unknown_account', 'invalid_number', 'invalid_record', 'no_rate', 'out_of_policy')) not null, "details" text null, "record" jsonb not null, "format" text null, "answer_time" timestamptz null, "status" text check ("status" in ('open', 'resolved', 'ignored')) not null default 'open', "resolved_by" text null, "resolved_at" timestamptz null, "note" text null, "resolved_record_id" text null, "attempts" integer not null default 0, "import_job_id" text null, "line" integer null, "request_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_usage_exception_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_usage_exception_deleted_at" ON "call_billing_usage_exception" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_usage_exception_kind_source_record_key_unique" ON "call_billing_usage_exception" ("kind", "source", "record_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_usage_exception_status_reason" ON "call_billing_usage_exception" ("status", "reason") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "call_billing_call" cascade;`);

    this.addSql(`drop table if exists "call_billing_import_job" cascade;`);

    this.addSql(`drop table if exists "call_billing_meter_event" cascade;`);

    this.addSql(`drop table if exists "call_billing_usage_exception" cascade;`);
  }

}
