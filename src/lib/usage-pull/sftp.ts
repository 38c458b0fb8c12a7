import { posix } from "path"
import picomatch from "picomatch"
import type SftpClient from "ssh2-sftp-client"
import { lazyModule } from "../lazy-module"
import { saveAndHash } from "./download"
import type { RemoteFile, SftpSourceConfig, UsageFileSource } from "./types"

/** ssh2-sftp-client, loaded with the first SFTP source (see lazyModule) */
const sftpClient = lazyModule(() => require("ssh2-sftp-client") as typeof SftpClient)

const MARK_SUFFIX = ".done"

/**
 * Usage files on an SFTP server: `path` listed by `pattern`; done files are
 * renamed into `done_path` (after: "move") or to `<name>.done` (after: "mark").
 *
 * @example
 * const src = await SftpUsageFileSource.connect(config)
 * try { for (const f of await src.list()) { await src.download(f, tmp); await src.markDone(f) } } finally { await src.close() }
 */
export class SftpUsageFileSource implements UsageFileSource {
  private doneDirReady = false

  private constructor(private readonly config: SftpSourceConfig, private readonly sftp: any) {}

  static async connect(config: SftpSourceConfig, readyTimeoutMs = 10000): Promise<SftpUsageFileSource> {
    // own listeners: the client's defaults print every unexpected end/close to the console
    const sftp = new (sftpClient())(`call-billing:${config.name}`, { error: () => {}, end: () => {}, close: () => {} })
    try {
      await sftp.connect({
        host: config.host,
        port: config.port,
        username: config.username,
        password: config.password ?? undefined,
        privateKey: config.private_key ?? undefined,
        passphrase: config.passphrase ?? undefined,
        readyTimeout: readyTimeoutMs,
      })
    } catch (e: any) {
      // after a good login with a failing sftp subsystem, sftp.end() is a no-op and the socket would leak
      sftp.client?.end()
      throw new Error(`SFTP ${config.username}@${config.host}:${config.port}: ${cleanMessage(e)}`)
    }
    return new SftpUsageFileSource(config, sftp)
  }

  async list(): Promise<RemoteFile[]> {
    const isMatch = picomatch(this.config.pattern, { dot: false })
    const now = Date.now()
    const entries: any[] = await this.sftp.list(this.config.path).catch((e: any) => {
      throw new Error(`SFTP ${this.config.host}: cannot list ${this.config.path}: ${cleanMessage(e)}`)
    })
    return entries
      .filter((e) => e.type === "-" && isMatch(e.name) && !e.name.endsWith(MARK_SUFFIX))
      .filter((e) => !e.modifyTime || now - e.modifyTime >= this.config.min_age_seconds * 1000)
      .map((e) => ({
        name: e.name as string,
        path: posix.join(this.config.path, e.name),
        size: Number(e.size),
        modified_at: e.modifyTime ? new Date(e.modifyTime) : null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  async download(file: RemoteFile, toPath: string) {
    return saveAndHash(this.sftp.createReadStream(file.path), toPath)
  }

  async markDone(file: RemoteFile): Promise<void> {
    let target: string
    if (this.config.after === "mark") {
      target = `${file.path}${MARK_SUFFIX}`
    } else {
      if (!this.doneDirReady) {
        if (!(await this.sftp.exists(this.config.done_path))) await this.sftp.mkdir(this.config.done_path, true)
        this.doneDirReady = true
      }
      target = posix.join(this.config.done_path, file.name)
    }
    try {
      // plain SFTPv3 rename refuses an existing target (the same name pulled before); OpenSSH's posix-rename replaces it
      await this.sftp.posixRename(file.path, target)
    } catch {
      try {
        await this.sftp.rename(file.path, target)
      } catch {
        await this.sftp.rename(file.path, `${target}.${new Date().toISOString().replace(/[:.]/g, "-")}`)
      }
    }
  }

  async close(): Promise<void> {
    try {
      await this.sftp.end()
    } catch {
      this.sftp.client?.end()
    }
  }
}

/** ssh2-sftp-client prefixes messages with its own method names; keep the cause. */
function cleanMessage(e: any): string {
  return String(e?.message ?? e).replace(/^(connect|list|sftpConnect|getConnection): /, "")
}
