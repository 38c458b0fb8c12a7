import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122104701 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_call_billing_call_import_job_id_account_id" ON "call_billing_call" ("import_job_id", "account_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_call_billing_call_import_job_id_account_id";`);
  }

}
