import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122114738 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "call_billing_import_job" add column if not exists "settled_at" timestamptz null;`);
    // imports before this column were settled by their own workflow: the sweep must not take them again
    this.addSql(`update "call_billing_import_job" set "settled_at" = "finished_at" where "settled_at" is null and "status" = 'completed';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_import_job_finished_at" ON "call_billing_import_job" ("finished_at") WHERE deleted_at IS NULL AND status = 'completed' AND inserted > 0 AND settled_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_call_billing_import_job_finished_at";`);
    this.addSql(`alter table if exists "call_billing_import_job" drop column if exists "settled_at";`);
  }

}
