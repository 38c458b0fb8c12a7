import { GetObjectTaggingCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import fs from "fs"
import path from "path"
import pullUsage from "../../../src/jobs/pull-usage"
import { USAGE_SOURCES_ENV } from "../../../src/lib/usage-pull"
import { METERING_MODULE } from "../../../src/modules/metering"
import { adminHeaders } from "../helpers"
import { example, seedRatingWorld } from "../usage/fixtures"
import { closedPort, startS3Server, startSftpServer, type S3TestServer, type SftpTestServer } from "./servers"

jest.setTimeout(180 * 1000)

const BUCKET = "usage"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let sftp: SftpTestServer
    let s3server: S3TestServer
    let s3: S3Client
    let n = 0

    beforeAll(async () => {
      sftp = await startSftpServer()
      s3server = await startS3Server([BUCKET])
      s3 = new S3Client({
        endpoint: s3server.endpoint,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: { accessKeyId: s3server.access_key_id, secretAccessKey: s3server.secret_access_key },
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      })
    })
    afterAll(async () => {
      s3?.destroy()
      await sftp?.stop()
      await s3server?.stop()
    })

    beforeEach(async () => {
      const { headers } = await adminHeaders(getContainer())
      await seedRatingWorld(api, { ...headers })
      // secrets come from the environment, not from the source list
      process.env.TEST_PULL_SFTP_PASSWORD = sftp.password
      process.env.TEST_PULL_S3_SECRET = s3server.secret_access_key
    })
    afterEach(() => {
      delete process.env[USAGE_SOURCES_ENV]
    })

    /** a fresh drop folder on the SFTP server (its real path: sftp-server is not chrooted) */
    const sftpDir = () => {
      const dir = path.join(sftp.root, `drop-${++n}`)
      fs.mkdirSync(dir)
      return dir
    }
    const sftpSource = (dir: string, extra: Record<string, unknown> = {}) => ({
      name: "pbx-1",
      type: "sftp",
      host: sftp.host,
      port: sftp.port,
      username: sftp.username,
      password: "env:TEST_PULL_SFTP_PASSWORD",
      path: dir,
      format: "asterisk",
      timezone: "Europe/London",
      min_age_seconds: 0,
      ...extra,
    })
    const s3Source = (prefix: string, extra: Record<string, unknown> = {}) => ({
      name: "bucket-cdrs",
      type: "s3",
      endpoint: s3server.endpoint,
      bucket: BUCKET,
      prefix,
      access_key_id: s3server.access_key_id,
      secret_access_key: "env:TEST_PULL_S3_SECRET",
      format: "generic",
      timezone: "Europe/London",
      min_age_seconds: 0,
      ...extra,
    })
    const configure = (...sources: unknown[]) => {
      process.env[USAGE_SOURCES_ENV] = JSON.stringify(sources)
    }
    const putObject = (key: string, body: string | Buffer) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }))
    const keysUnder = async (prefix: string) =>
      ((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }))).Contents ?? []).map((o) => o.Key).sort()
    const jobs = () => getContainer().resolve(METERING_MODULE).listImportJobs({}, { order: { created_at: "ASC" } })
    const count = async (sql: string, params: unknown[] = []) => (await dbConnection.raw(sql, params)).rows[0].n as number
    // the scheduler calls a job's function with the container
    const runJob = async () => (await pullUsage(getContainer()))!

    it("does nothing when no source is configured", async () => {
      expect(await pullUsage(getContainer())).toBeUndefined()
      expect(await jobs()).toHaveLength(0)
    })

    it("SFTP: an Asterisk Master.csv dropped on the server ends up as rated calls, bad lines in the exception queue, the file in done/; the next run finds nothing", async () => {
      const dir = sftpDir()
      fs.copyFileSync(example("Master.csv"), path.join(dir, "Master.csv"))
      fs.writeFileSync(path.join(dir, "notes.txt"), "not a CDR file") // not matched by *.csv
      configure(sftpSource(dir))

      const [pulled] = await runJob()
      expect(pulled).toMatchObject({ name: "pbx-1", type: "sftp", status: "pulled", error: null })
      expect(pulled.files).toHaveLength(1)
      expect(pulled.files[0]).toMatchObject({ name: "Master.csv", status: "imported", size_bytes: fs.statSync(example("Master.csv")).size })

      const [job] = await jobs()
      expect(job).toMatchObject({ id: pulled.files[0].job_id, channel: "sftp", source: "pbx-1", format: "asterisk", filename: "Master.csv", timezone: "Europe/London", status: "completed" })
      expect(job.sha256).toBe(require("crypto").createHash("sha256").update(fs.readFileSync(example("Master.csv"))).digest("hex"))
      // the Egyptian number has no rate on the card: one line to the exception queue
      expect(job).toMatchObject({ received: 8, inserted: 7, duplicates: 0, exceptions: 1, exception_reasons: { no_rate: 1 } })
      expect(await count(`SELECT count(*)::int AS n FROM call_billing_call WHERE source = 'pbx-1' AND import_job_id = ? AND charge IS NOT NULL`, [job.id])).toBe(job.inserted)
      expect(await count(`SELECT count(*)::int AS n FROM call_billing_usage_exception WHERE import_job_id = ? AND status = 'open'`, [job.id])).toBe(job.exceptions)
      // local times read in Europe/London: 09:15:07 on 2 March 2026 (GMT) is 09:15:07Z
      const first = (await dbConnection.raw(`SELECT answer_time FROM call_billing_call WHERE call_id = '1772442901.1'`)).rows[0]
      expect(new Date(first.answer_time).toISOString()).toBe("2026-03-02T09:15:07.000Z")

      expect(fs.readdirSync(dir).sort()).toEqual(["done", "notes.txt"])
      expect(fs.readdirSync(path.join(dir, "done"))).toEqual(["Master.csv"])

      const [again] = await runJob()
      expect(again).toMatchObject({ status: "pulled", files: [] })
      expect(await jobs()).toHaveLength(1)
    })

    it("SFTP: the same file dropped again (same name and hash) is only moved; a changed file under the same name is imported and stores only the new call", async () => {
      const dir = sftpDir()
      const master = fs.readFileSync(example("Master.csv"), "utf8")
      fs.writeFileSync(path.join(dir, "Master.csv"), master)
      configure(sftpSource(dir))
      const [first] = await runJob()
      const firstJob = (await jobs())[0]
      const calls = await count(`SELECT count(*)::int AS n FROM call_billing_call`)
      expect(calls).toBe(firstJob.inserted)

      fs.writeFileSync(path.join(dir, "Master.csv"), master)
      const [same] = await runJob()
      expect(same.files).toEqual([expect.objectContaining({ name: "Master.csv", status: "already_imported", job_id: first.files[0].job_id })])
      expect(await jobs()).toHaveLength(1)
      expect(fs.readdirSync(dir)).toEqual(["done"])
      expect(fs.readdirSync(path.join(dir, "done"))).toEqual(["Master.csv"])

      // Asterisk appended one more call to a new Master.csv that still holds the old lines
      const extra = `"acme","2001","00442079460018","from-internal","""Alice Smith"" <2001>","PJSIP/2001-00000011","PJSIP/carrier-a-00000012","Dial","PJSIP/00442079460018@carrier-a,60,tT","2026-03-04 10:00:00","2026-03-04 10:00:05","2026-03-04 10:02:05",125,120,"ANSWERED","DOCUMENTATION","1772618400.17",""\n`
      fs.writeFileSync(path.join(dir, "Master.csv"), master + extra)
      const [changed] = await runJob()
      expect(changed.files).toEqual([expect.objectContaining({ name: "Master.csv", status: "imported" })])
      const all = await jobs()
      expect(all).toHaveLength(2)
      expect(all[1]).toMatchObject({ status: "completed", received: 9, inserted: 1, duplicates: 8, exceptions: 0 })
      expect(all[1].sha256).not.toBe(all[0].sha256)
      expect(await count(`SELECT count(*)::int AS n FROM call_billing_call`)).toBe(calls + 1)
      expect(await count(`SELECT count(*)::int AS n FROM call_billing_usage_exception`)).toBe(firstJob.exceptions)
      // the newer copy replaced the older one in done/
      expect(fs.readFileSync(path.join(dir, "done", "Master.csv"), "utf8")).toBe(master + extra)
    })

    it("SFTP with after: mark renames the file to <name>.done; a file that fails to import stays in place with a failed job and is retried", async () => {
      const dir = sftpDir()
      fs.copyFileSync(example("cdrs.csv"), path.join(dir, "a.csv"))
      // meter events read as generic CDRs: unknown columns, the import fails
      fs.copyFileSync(example("events.csv"), path.join(dir, "b.csv"))
      const twoMinutesAgo = new Date(Date.now() - 120 * 1000)
      for (const f of ["a.csv", "b.csv"]) fs.utimesSync(path.join(dir, f), twoMinutesAgo, twoMinutesAgo)
      // still being written (modified just now): left for a later run
      fs.copyFileSync(example("cdrs.csv"), path.join(dir, "c.csv"))
      configure(sftpSource(dir, { after: "mark", format: "generic", min_age_seconds: 60 }))

      const [pulled] = await runJob()
      expect(pulled.files.map((f: any) => [f.name, f.status])).toEqual([["a.csv", "imported"], ["b.csv", "failed"]])
      expect(pulled.files[1].error).toMatch(/unknown column/)
      expect(fs.readdirSync(dir).sort()).toEqual(["a.csv.done", "b.csv", "c.csv"])
      const failed = (await jobs()).find((j: any) => j.filename === "b.csv")!
      expect(failed).toMatchObject({ id: pulled.files[1].job_id, status: "failed", inserted: 0 })
      expect(failed.error).toBe(pulled.files[1].error)

      const [again] = await runJob()
      expect(again.files.map((f: any) => [f.name, f.status])).toEqual([["b.csv", "failed"]])
      expect((await jobs()).filter((j: any) => j.filename === "b.csv")).toHaveLength(2)
    })

    it("S3 with after: mark imports a generic cdrs.csv once and tags it processed=true", async () => {
      await putObject("mark/cdrs.csv", fs.readFileSync(example("cdrs.csv")))
      await putObject("mark/readme.txt", "not CDRs")
      await putObject("mark/old/cdrs-2025.csv", "below the prefix's folder: not taken")
      configure(s3Source("mark/", { after: "mark" }))

      const [pulled] = await runJob()
      expect(pulled).toMatchObject({ name: "bucket-cdrs", type: "s3", status: "pulled" })
      expect(pulled.files).toEqual([expect.objectContaining({ name: "cdrs.csv", status: "imported" })])
      const [job] = await jobs()
      expect(job).toMatchObject({ channel: "s3", source: "bucket-cdrs", filename: "cdrs.csv", format: "generic", status: "completed", received: 25, inserted: 21, duplicates: 0, exceptions: 4 })
      const total = await dbConnection.raw(`SELECT count(*)::int AS n, sum(charge)::text AS charge FROM call_billing_call`)
      expect(total.rows[0]).toEqual({ n: 21, charge: "1.6408" })

      const { TagSet } = await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: "mark/cdrs.csv" }))
      expect(TagSet).toEqual([{ Key: "processed", Value: "true" }])
      expect(await keysUnder("mark/")).toEqual(["mark/cdrs.csv", "mark/old/cdrs-2025.csv", "mark/readme.txt"])

      const [again] = await runJob()
      expect(again).toMatchObject({ status: "pulled", files: [] })
      expect(await jobs()).toHaveLength(1)
    })

    it("a source whose server is down is logged and recorded as a failed import once, and the other sources are still pulled", async () => {
      const port = await closedPort()
      await putObject("move/cdrs.csv", fs.readFileSync(example("cdrs.csv")))
      configure(sftpSource("/nowhere", { name: "pbx-down", port }), s3Source("move/"))
      const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
      const logged = jest.spyOn(logger, "error")
      try {
        const [down, up] = await runJob()
        expect(down).toMatchObject({ name: "pbx-down", status: "failed", files: [] })
        expect(down.error).toContain(`usage pull "pbx-down": SFTP cdr@127.0.0.1:${port}`)
        expect(down.error).toMatch(/ECONNREFUSED/)
        expect(logged).toHaveBeenCalledWith(expect.stringContaining(down.error))
        expect(up).toMatchObject({ name: "bucket-cdrs", status: "pulled", files: [expect.objectContaining({ name: "cdrs.csv", status: "imported" })] })
        expect(await keysUnder("move/")).toEqual(["move/done/cdrs.csv"])

        const failed = (await jobs()).filter((j: any) => j.source === "pbx-down")
        expect(failed).toHaveLength(1)
        expect(failed[0]).toMatchObject({ channel: "sftp", status: "failed", filename: null, error: down.error })

        // still down five minutes later: logged again, not another failed job
        const [stillDown] = await runJob()
        expect(stillDown.status).toBe("failed")
        expect((await jobs()).filter((j: any) => j.source === "pbx-down")).toHaveLength(1)
        expect(await count(`SELECT count(*)::int AS n FROM call_billing_call`)).toBe(21)
      } finally {
        logged.mockRestore()
      }
    })

    it("two pulls at the same time import each file once", async () => {
      const dir = sftpDir()
      fs.copyFileSync(example("Master.csv"), path.join(dir, "Master.csv"))
      await putObject("both/cdrs.csv", fs.readFileSync(example("cdrs.csv")))
      configure(sftpSource(dir), s3Source("both/"))

      const runs = await Promise.all([runJob(), runJob()])
      const imported = runs.flat().flatMap((s: any) => s.files).filter((f: any) => f.status === "imported")
      expect(imported.map((f: any) => f.name).sort()).toEqual(["Master.csv", "cdrs.csv"])
      const all = await jobs()
      expect(all.map((j: any) => j.filename).sort()).toEqual(["Master.csv", "cdrs.csv"])
      const master = all.find((j: any) => j.filename === "Master.csv")!
      expect(await count(`SELECT count(*)::int AS n FROM call_billing_call`)).toBe(21 + master.inserted)
      expect(fs.readdirSync(path.join(dir, "done"))).toEqual(["Master.csv"])
      expect(await keysUnder("both/")).toEqual(["both/done/cdrs.csv"])
    })
  },
})
