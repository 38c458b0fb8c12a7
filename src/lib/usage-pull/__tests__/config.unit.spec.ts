import { parseUsageSources, readUsageSources, USAGE_SOURCES_ENV } from "../config"

const sftp = { name: "pbx-1", type: "sftp", host: "10.0.0.5", username: "cdr", password: "env:PBX_PW", path: "/var/log/asterisk/cdr-csv/" }
const s3 = { name: "bucket", type: "s3", bucket: "cdrs", prefix: "in/", endpoint: "http://127.0.0.1:9000", access_key_id: "AK", secret_access_key: "env:S3_SECRET" }
const env = { PBX_PW: "pw", S3_SECRET: "sk" }

describe("usage pull configuration", () => {
  it("applies defaults and resolves env: credentials", () => {
    const [a, b] = parseUsageSources([sftp, s3], "usage_sources", env)
    expect(a).toMatchObject({
      name: "pbx-1", source: "pbx-1", type: "sftp", port: 22, password: "pw", pattern: "*.csv", format: "generic", after: "move",
      path: "/var/log/asterisk/cdr-csv", done_path: "/var/log/asterisk/cdr-csv/done", min_age_seconds: 30, timezone: null,
    })
    expect(b).toMatchObject({ type: "s3", secret_access_key: "sk", done_prefix: "in/done/", region: "us-east-1", force_path_style: true, after: "move" })
    expect(parseUsageSources(undefined)).toEqual([])
  })

  it("names the field and its place in every error", () => {
    const bad = (item: unknown, e = env) => () => parseUsageSources([sftp, item], "usage_sources", e)
    expect(bad({ ...sftp, name: "x", host: undefined })).toThrow("usage_sources[1].host: required for an sftp source")
    expect(bad({ ...sftp, name: "x", password: "env:MISSING" })).toThrow("usage_sources[1].password: environment variable MISSING is not set")
    expect(bad({ ...sftp, name: "x", password: undefined })).toThrow("usage_sources[1]: an sftp source needs a password or a private_key")
    expect(bad({ ...sftp, name: "x", type: "ftp" })).toThrow('usage_sources[1].type must be one of sftp, s3, got "ftp"')
    expect(bad({ ...sftp, name: "x", format: "cisco" })).toThrow("usage_sources[1].format must be one of generic, asterisk, freeswitch, events")
    expect(bad({ ...sftp, name: "x", port: 70000 })).toThrow("usage_sources[1].port must be a whole number from 1 to 65535")
    expect(bad({ ...sftp, name: "x", timezone: "Mars/Olympus" })).toThrow('usage_sources[1].timezone: unknown time zone "Mars/Olympus"')
    expect(bad({ ...sftp, name: "x", after: "delete" })).toThrow("usage_sources[1].after must be one of move, mark")
    expect(bad({ ...s3, prefix: "in" })).toThrow('usage_sources[1].prefix must end with "/"')
    expect(bad({ ...s3, bucket: "" })).toThrow("usage_sources[1].bucket: required for an s3 source")
    expect(bad({ ...s3, secret_access_key: undefined })).toThrow("usage_sources[1]: access_key_id and secret_access_key go together")
    expect(bad({ ...sftp })).toThrow('usage_sources[1].name: "pbx-1" is used by another source')
  })

  it("reads the plugin's usage_sources option and the environment's list", () => {
    const container: any = {
      resolve: () => ({ plugins: ["other-plugin", { resolve: "call-billing", options: { usage_sources: [sftp] } }] }),
    }
    const sources = readUsageSources(container, { ...env, [USAGE_SOURCES_ENV]: JSON.stringify([s3]) })
    expect(sources.map((s) => s.name)).toEqual(["pbx-1", "bucket"])
    expect(() => readUsageSources(container, { ...env, [USAGE_SOURCES_ENV]: "[{" })).toThrow(`${USAGE_SOURCES_ENV} is not valid JSON`)
    expect(() => readUsageSources(container, { ...env, [USAGE_SOURCES_ENV]: JSON.stringify([sftp]) })).toThrow(
      `${USAGE_SOURCES_ENV}[0].name: "pbx-1" is also in the plugin's usage_sources`
    )
    expect(readUsageSources({ resolve: () => ({ plugins: [] }) } as any, {})).toEqual([])
  })
})
