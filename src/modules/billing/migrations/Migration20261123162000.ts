import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123162000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_document_sequence" drop constraint if exists "call_billing_document_sequence_entity_id_kind_year_unique";`);
    this.addSql(`create table if not exists "call_billing_document_sequence" ("id" text not null, "entity_id" text not null, "kind" text check ("kind" in ('invoice', 'credit_note')) not null, "year" integer not null, "next_number" integer not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "call_billing_document_sequence_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_document_sequence_deleted_at" ON "call_billing_document_sequence" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_call_billing_document_sequence_entity_id_kind_year_unique" ON "call_billing_document_sequence" ("entity_id", "kind", "year") WHERE deleted_at IS NULL;`);

    // Carry the numbering over: each entity's counters for its sequence_year, and
    // for every (entity, kind, year) that already has numbered documents, at least
    // 1 + the highest number issued with the entity's prefix (soft-deleted ones too).
    this.addSql(`insert into "call_billing_document_sequence" ("id", "entity_id", "kind", "year", "next_number")
      select 'bdseq_' || replace(gen_random_uuid()::text, '-', ''), "entity_id", "kind", "year", max("next_number")
      from (
        select "id" as "entity_id", 'invoice' as "kind", "sequence_year" as "year", "next_invoice_number" as "next_number"
        from "call_billing_issuing_entity" where "sequence_year" is not null
        union all
        select "id", 'credit_note', "sequence_year", "next_credit_note_number"
        from "call_billing_issuing_entity" where "sequence_year" is not null
        union all
        select d."entity_id", 'invoice', substr(d."number", length(e."invoice_prefix") + 2, 4)::int,
          substr(d."number", length(e."invoice_prefix") + 7)::int + 1
        from "call_billing_invoice" d join "call_billing_issuing_entity" e on e."id" = d."entity_id"
        where d."number" is not null and left(d."number", length(e."invoice_prefix") + 1) = e."invoice_prefix" || '-'
          and substr(d."number", length(e."invoice_prefix") + 2) ~ '^[0-9]{4}-[0-9]{1,9}$'
        union all
        select d."entity_id", 'credit_note', substr(d."number", length(e."credit_note_prefix") + 2, 4)::int,
          substr(d."number", length(e."credit_note_prefix") + 7)::int + 1
        from "call_billing_credit_note" d join "call_billing_issuing_entity" e on e."id" = d."entity_id"
        where left(d."number", length(e."credit_note_prefix") + 1) = e."credit_note_prefix" || '-'
          and substr(d."number", length(e."credit_note_prefix") + 2) ~ '^[0-9]{4}-[0-9]{1,9}$'
      ) c
      group by "entity_id", "kind", "year";`);
    // The entity's read-only counters describe its most recent year with numbers.
    this.addSql(`update "call_billing_issuing_entity" e
      set "sequence_year" = s."year", "next_invoice_number" = coalesce(s."invoice_next", 1),
        "next_credit_note_number" = coalesce(s."credit_note_next", 1)
      from (
        select distinct on ("entity_id") "entity_id", "year",
          max("next_number") filter (where "kind" = 'invoice') as "invoice_next",
          max("next_number") filter (where "kind" = 'credit_note') as "credit_note_next"
        from "call_billing_document_sequence"
        group by "entity_id", "year"
        order by "entity_id", "year" desc
      ) s
      where e."id" = s."entity_id";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "call_billing_document_sequence" cascade;`);
  }

}
