import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122072601 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_wallet_entry" drop constraint if exists "call_billing_wallet_entry_account_id_call_id_unique";`);
    this.addSql(`alter table if exists "call_billing_wallet_entry" drop constraint if exists "call_billing_wallet_entry_account_id_type_reference_unique";`);
    this.addSql(`alter table if exists "call_billing_tax_profile" drop constraint if exists "call_billing_tax_profile_code_unique";`);
    this.addSql(`alter table if exists "call_billing_subscription" drop constraint if exists "call_billing_subscription_account_id_unique";`);
    this.addSql(`alter table if exists "call_billing_plan_component" drop constraint if exists "call_billing_plan_component_plan_id_code_unique";`);
    this.addSql(`alter table if exists "call_billing_plan" drop constraint if exists "call_billing_plan_code_unique";`);
    this.addSql(`alter table if exists "call_billing_issuing_entity" drop constraint if exists "call_billing_issuing_entity_invoice_prefix_unique";`);
    this.addSql(`alter table if exists "call_billing_issuing_entity" drop constraint if exists "call_billing_issuing_entity_code_unique";`);
    this.addSql(`alter table if exists "call_billing_invoice" drop constraint if exists "call_billing_invoice_entity_id_number_unique";`);
    this.addSql(`alter table if exists "call_billing_invoice" drop constraint if exists "call_billing_invoice_account_id_period_start_unique";`);
    this.addSql(`alter table if exists "call_billing_fx_rate" drop constraint if exists "call_billing_fx_rate_base_quote_effective_from_unique";`);
    this.addSql(`alter table if exists "call_billing_credit_note" drop constraint if exists "call_billing_credit_note_entity_id_number_unique";`);
    this.addSql(`alter table if exists "call_billing_billing_period" drop constraint if exists "call_billing_billing_period_account_id_period_start_unique";`);
    this.addSql(`alter table if exists "call_billing_payment" drop constraint if exists "call_billing_payment_account_id_reference_unique";`);
    this.addSql(`create table if not exists "call_billing_payment" ("id" text not null, "account_id" text not null, "amount" numeric not null, "currency_code" text not null, "method" text check ("method" in ('bank_transfer', 'card', 'cash', 'wallet', 'stripe', 'other')) not null, "reference" text null, "received_at" timestamptz not null, "unallocated" numeric not null, "note" text null, "created_by" text null, "raw_amount" jsonb not null, "raw_unallocated" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_payment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_payment_deleted_at" ON "call_billing_payment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_payment_account_id_reference_unique" ON "call_billing_payment" ("account_id", "reference") WHERE deleted_at IS NULL AND reference IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_payment_account_id_received_at" ON "call_billing_payment" ("account_id", "received_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_billing_period" ("id" text not null, "account_id" text not null, "period_start" text not null, "period_end" text not null, "outcome" text check ("outcome" in ('invoice', 'carry_forward', 'credit', 'empty')) not null, "amount" numeric not null, "currency_code" text not null, "invoice_id" text null, "debit_note_id" text null, "carried_into_period_id" text null, "subscription_before" jsonb null, "credit_delta" numeric not null default 0, "closed_at" timestamptz not null, "raw_amount" jsonb not null, "raw_credit_delta" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_billing_period_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_billing_period_deleted_at" ON "call_billing_billing_period" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_billing_period_account_id_period_start_unique" ON "call_billing_billing_period" ("account_id", "period_start") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_credit_note" ("id" text not null, "account_id" text not null, "invoice_id" text not null, "entity_id" text not null, "number" text not null, "currency_code" text not null, "reason" text not null, "subtotal" numeric not null, "tax_total" numeric not null, "total" numeric not null, "lines" jsonb null, "created_by" text null, "issued_at" timestamptz not null, "raw_subtotal" jsonb not null, "raw_tax_total" jsonb not null, "raw_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_credit_note_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_credit_note_deleted_at" ON "call_billing_credit_note" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_credit_note_entity_id_number_unique" ON "call_billing_credit_note" ("entity_id", "number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_credit_note_invoice_id" ON "call_billing_credit_note" ("invoice_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_reservation" ("id" text not null, "account_id" text not null, "call_id" text null, "number" text not null, "direction" text check ("direction" in ('outbound', 'inbound')) not null, "status" text check ("status" in ('open', 'settled', 'released', 'expired')) not null default 'open', "granted_seconds" integer not null, "amount" numeric not null, "currency_code" text not null, "terms" jsonb not null, "expires_at" timestamptz not null, "used_seconds" integer null, "settled_amount" numeric null, "settled_at" timestamptz null, "settled_by" text null, "raw_amount" jsonb not null, "raw_settled_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_reservation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_reservation_deleted_at" ON "call_billing_reservation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_reservation_account_id_status" ON "call_billing_reservation" ("account_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_reservation_status_expires_at" ON "call_billing_reservation" ("status", "expires_at") WHERE deleted_at IS NULL AND status = 'open';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_reservation_account_id_call_id" ON "call_billing_reservation" ("account_id", "call_id") WHERE deleted_at IS NULL AND call_id IS NOT NULL;`);

    this.addSql(`create table if not exists "call_billing_fx_rate" ("id" text not null, "base" text not null, "quote" text not null, "rate" numeric not null, "effective_from" timestamptz not null, "raw_rate" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_fx_rate_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_fx_rate_deleted_at" ON "call_billing_fx_rate" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_fx_rate_base_quote_effective_from_unique" ON "call_billing_fx_rate" ("base", "quote", "effective_from") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_invoice" ("id" text not null, "kind" text check ("kind" in ('invoice', 'debit_note')) not null default 'invoice', "account_id" text not null, "entity_id" text not null, "number" text null, "status" text check ("status" in ('draft', 'finalized', 'paid', 'partially_paid', 'void', 'uncollectible')) not null default 'draft', "currency_code" text not null, "period_start" text not null, "period_end" text not null, "subtotal" numeric not null, "tax_total" numeric not null, "total" numeric not null, "amount_paid" numeric not null default 0, "amount_credited" numeric not null default 0, "tax_inclusive" boolean not null default false, "notes" jsonb null, "fx" jsonb null, "issued_at" timestamptz null, "due_date" text null, "finalized_at" timestamptz null, "voided_at" timestamptz null, "corrects_invoice_id" text null, "metadata" jsonb null, "raw_subtotal" jsonb not null, "raw_tax_total" jsonb not null, "raw_total" jsonb not null, "raw_amount_paid" jsonb not null default '{"value":"0","precision":20}', "raw_amount_credited" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_invoice_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_invoice_deleted_at" ON "call_billing_invoice" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_invoice_account_id_period_start_unique" ON "call_billing_invoice" ("account_id", "period_start") WHERE deleted_at IS NULL AND kind = 'invoice';`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_invoice_entity_id_number_unique" ON "call_billing_invoice" ("entity_id", "number") WHERE deleted_at IS NULL AND number IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_invoice_account_id_status" ON "call_billing_invoice" ("account_id", "status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_invoice_line" ("id" text not null, "position" integer not null, "kind" text not null, "description" text not null, "quantity" numeric not null, "unit_price" numeric null, "amount" numeric not null, "taxable" boolean not null default true, "component_code" text null, "period_start" text null, "period_end" text null, "details" jsonb null, "invoice_id" text not null, "raw_quantity" jsonb not null, "raw_unit_price" jsonb null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_invoice_line_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_invoice_line_invoice_id" ON "call_billing_invoice_line" ("invoice_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_invoice_line_deleted_at" ON "call_billing_invoice_line" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_invoice_tax" ("id" text not null, "code" text not null, "name" text not null, "rate" numeric not null, "taxable_amount" numeric not null, "amount" numeric not null, "invoice_id" text not null, "raw_rate" jsonb not null, "raw_taxable_amount" jsonb not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_invoice_tax_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_invoice_tax_invoice_id" ON "call_billing_invoice_tax" ("invoice_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_invoice_tax_deleted_at" ON "call_billing_invoice_tax" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_issuing_entity" ("id" text not null, "code" text not null, "legal_name" text not null, "address" jsonb null, "tax_id" text null, "email" text null, "currency_code" text not null, "invoice_prefix" text not null, "credit_note_prefix" text not null, "next_invoice_number" integer not null default 1, "next_credit_note_number" integer not null default 1, "sequence_year" integer null, "logo_url" text null, "primary_color" text not null default '#1f2937', "accent_color" text not null default '#2563eb', "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_issuing_entity_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_issuing_entity_deleted_at" ON "call_billing_issuing_entity" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_issuing_entity_code_unique" ON "call_billing_issuing_entity" ("code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_issuing_entity_invoice_prefix_unique" ON "call_billing_issuing_entity" ("invoice_prefix") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_payment_allocation" ("id" text not null, "invoice_id" text not null, "amount" numeric not null, "payment_id" text not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_payment_allocation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_payment_allocation_payment_id" ON "call_billing_payment_allocation" ("payment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_payment_allocation_deleted_at" ON "call_billing_payment_allocation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_payment_allocation_invoice_id" ON "call_billing_payment_allocation" ("invoice_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_plan" ("id" text not null, "code" text not null, "name" text not null, "description" text null, "currency_code" text not null, "interval" text check ("interval" in ('month', 'quarter', 'half_year', 'year')) not null default 'month', "term_discount_percent" numeric null, "trial_days" integer not null default 0, "status" text check ("status" in ('active', 'archived')) not null default 'active', "metadata" jsonb null, "raw_term_discount_percent" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_plan_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_plan_deleted_at" ON "call_billing_plan" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_plan_code_unique" ON "call_billing_plan" ("code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_plan_component" ("id" text not null, "code" text not null, "name" text not null, "type" text check ("type" in ('recurring', 'seat', 'setup', 'support', 'addon', 'white_label', 'concurrency', 'bundle', 'metric', 'commitment', 'volume_discount')) not null, "price" numeric null, "included_quantity" numeric null, "default_quantity" numeric null, "pricing" text check ("pricing" in ('flat', 'tiered', 'volume')) null, "tiers" jsonb null, "metric" text null, "direction" text check ("direction" in ('outbound', 'inbound')) null, "destination_groups" jsonb null, "basis" text check ("basis" in ('calls', 'minutes')) null, "eligible_kinds" jsonb null, "in_arrears" boolean not null default false, "optional" boolean not null default false, "position" integer not null default 0, "plan_id" text not null, "raw_price" jsonb null, "raw_included_quantity" jsonb null, "raw_default_quantity" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_plan_component_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_plan_component_plan_id" ON "call_billing_plan_component" ("plan_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_plan_component_deleted_at" ON "call_billing_plan_component" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_plan_component_plan_id_code_unique" ON "call_billing_plan_component" ("plan_id", "code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_subscription" ("id" text not null, "account_id" text not null, "plan_id" text not null, "status" text check ("status" in ('trialing', 'active', 'canceled')) not null default 'active', "start_date" text not null, "trial_end" text null, "cancel_at" text null, "canceled_at" timestamptz null, "quantities" jsonb not null, "setup_billed" boolean not null default false, "billed_through" text null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_subscription_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_subscription_deleted_at" ON "call_billing_subscription" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_subscription_account_id_unique" ON "call_billing_subscription" ("account_id") WHERE deleted_at IS NULL AND status <> 'canceled';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_subscription_plan_id" ON "call_billing_subscription" ("plan_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_subscription_change" ("id" text not null, "kind" text check ("kind" in ('start', 'quantity', 'plan', 'cancel', 'trial_convert', 'addon')) not null, "effective_date" text not null, "plan_id" text not null, "component_code" text null, "quantity_before" numeric null, "quantity_after" numeric null, "created_by" text null, "note" text null, "subscription_id" text not null, "raw_quantity_before" jsonb null, "raw_quantity_after" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_subscription_change_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_subscription_change_subscription_id" ON "call_billing_subscription_change" ("subscription_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_subscription_change_deleted_at" ON "call_billing_subscription_change" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_subscription_change_subscription_id_effective_date" ON "call_billing_subscription_change" ("subscription_id", "effective_date") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_tax_profile" ("id" text not null, "code" text not null, "name" text not null, "inclusive" boolean not null default false, "exempt" boolean not null default false, "reverse_charge" boolean not null default false, "note" text null, "components" jsonb not null, "surcharges" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_tax_profile_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_tax_profile_deleted_at" ON "call_billing_tax_profile" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_tax_profile_code_unique" ON "call_billing_tax_profile" ("code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "call_billing_wallet_entry" ("id" text not null, "account_id" text not null, "type" text check ("type" in ('top_up', 'debit', 'hold', 'release', 'adjustment', 'refund')) not null, "amount" numeric not null, "currency_code" text not null, "reservation_id" text null, "call_id" text null, "reference" text null, "note" text null, "created_by" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_wallet_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_wallet_entry_deleted_at" ON "call_billing_wallet_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_wallet_entry_account_id_created_at" ON "call_billing_wallet_entry" ("account_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_wallet_entry_account_id_type_reference_unique" ON "call_billing_wallet_entry" ("account_id", "type", "reference") WHERE deleted_at IS NULL AND reference IS NOT NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_wallet_entry_account_id_call_id_unique" ON "call_billing_wallet_entry" ("account_id", "call_id") WHERE deleted_at IS NULL AND type = 'debit';`);

    this.addSql(`alter table if exists "call_billing_invoice_line" add constraint "call_billing_invoice_line_invoice_id_foreign" foreign key ("invoice_id") references "call_billing_invoice" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "call_billing_invoice_tax" add constraint "call_billing_invoice_tax_invoice_id_foreign" foreign key ("invoice_id") references "call_billing_invoice" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "call_billing_payment_allocation" add constraint "call_billing_payment_allocation_payment_id_foreign" foreign key ("payment_id") references "call_billing_payment" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "call_billing_plan_component" add constraint "call_billing_plan_component_plan_id_foreign" foreign key ("plan_id") references "call_billing_plan" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "call_billing_subscription_change" add constraint "call_billing_subscription_change_subscription_id_foreign" foreign key ("subscription_id") references "call_billing_subscription" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "call_billing_billing_account" add column if not exists "entity_id" text null, add column if not exists "tax_profile_id" text null, add column if not exists "billing_interval" text check ("billing_interval" in ('month', 'quarter', 'half_year', 'year')) not null default 'month', add column if not exists "anchor_day" integer not null default 1, add column if not exists "anchor_month" integer not null default 1, add column if not exists "net_days" integer not null default 30, add column if not exists "invoicing_floor" numeric not null default 0, add column if not exists "grace_minutes" integer not null default 60, add column if not exists "auto_finalize" boolean not null default false, add column if not exists "late_usage" text check ("late_usage" in ('debit_note', 'next_period')) not null default 'debit_note', add column if not exists "payment_mode" text check ("payment_mode" in ('prepaid', 'postpaid')) not null default 'postpaid', add column if not exists "credit_limit" numeric null, add column if not exists "low_balance_threshold" numeric null, add column if not exists "wallet_balance" numeric not null default 0, add column if not exists "credit_balance" numeric not null default 0, add column if not exists "tax_id" text null, add column if not exists "address" jsonb null, add column if not exists "raw_invoicing_floor" jsonb not null default '{"value":"0","precision":20}', add column if not exists "raw_credit_limit" jsonb null, add column if not exists "raw_low_balance_threshold" jsonb null, add column if not exists "raw_wallet_balance" jsonb not null default '{"value":"0","precision":20}', add column if not exists "raw_credit_balance" jsonb not null default '{"value":"0","precision":20}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_payment_allocation" drop constraint if exists "call_billing_payment_allocation_payment_id_foreign";`);

    this.addSql(`alter table if exists "call_billing_invoice_line" drop constraint if exists "call_billing_invoice_line_invoice_id_foreign";`);

    this.addSql(`alter table if exists "call_billing_invoice_tax" drop constraint if exists "call_billing_invoice_tax_invoice_id_foreign";`);

    this.addSql(`alter table if exists "call_billing_plan_component" drop constraint if exists "call_billing_plan_component_plan_id_foreign";`);

    this.addSql(`alter table if exists "call_billing_subscription_change" drop constraint if exists "call_billing_subscription_change_subscription_id_foreign";`);

    this.addSql(`drop table if exists "call_billing_payment" cascade;`);

    this.addSql(`drop table if exists "call_billing_billing_period" cascade;`);

    this.addSql(`drop table if exists "call_billing_credit_note" cascade;`);

    this.addSql(`drop table if exists "call_billing_reservation" cascade;`);

    this.addSql(`drop table if exists "call_billing_fx_rate" cascade;`);

    this.addSql(`drop table if exists "call_billing_invoice" cascade;`);

    this.addSql(`drop table if exists "call_billing_invoice_line" cascade;`);

    this.addSql(`drop table if exists "call_billing_invoice_tax" cascade;`);

    this.addSql(`drop table if exists "call_billing_issuing_entity" cascade;`);

    this.addSql(`drop table if exists "call_billing_payment_allocation" cascade;`);

    this.addSql(`drop table if exists "call_billing_plan" cascade;`);

    this.addSql(`drop table if exists "call_billing_plan_component" cascade;`);

    this.addSql(`drop table if exists "call_billing_subscription" cascade;`);

    this.addSql(`drop table if exists "call_billing_subscription_change" cascade;`);

    this.addSql(`drop table if exists "call_billing_tax_profile" cascade;`);

    this.addSql(`drop table if exists "call_billing_wallet_entry" cascade;`);

    this.addSql(`alter table if exists "call_billing_billing_account" drop column if exists "entity_id", drop column if exists "tax_profile_id", drop column if exists "billing_interval", drop column if exists "anchor_day", drop column if exists "anchor_month", drop column if exists "net_days", drop column if exists "invoicing_floor", drop column if exists "grace_minutes", drop column if exists "auto_finalize", drop column if exists "late_usage", drop column if exists "payment_mode", drop column if exists "credit_limit", drop column if exists "low_balance_threshold", drop column if exists "wallet_balance", drop column if exists "credit_balance", drop column if exists "tax_id", drop column if exists "address", drop column if exists "raw_invoicing_floor", drop column if exists "raw_credit_limit", drop column if exists "raw_low_balance_threshold", drop column if exists "raw_wallet_balance", drop column if exists "raw_credit_balance";`);
  }

}
