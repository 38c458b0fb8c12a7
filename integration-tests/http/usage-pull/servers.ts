// Real servers on loopback for the pull tests: the SFTP server of
// scripts/lib/sftp-server.js (ssh2 + OpenSSH's sftp-server; the demo's drop
// folder uses it too) and s3rver.
import fs from "fs"
import net from "net"
import os from "os"
import path from "path"

const S3rver = require("@20minutes/s3rver")

// eslint-disable-next-line @typescript-eslint/no-var-requires
const sftp = require("../../../scripts/lib/sftp-server")

export const SFTP_SERVER_BIN: string = sftp.SFTP_SERVER_BIN

export type SftpTestServer = {
  host: string
  port: number
  username: string
  password: string
  /** real directory served; sftp-server starts there (`-d`), absolute paths are real paths */
  root: string
  stop: () => Promise<void>
}

/** The SFTP server of scripts/lib/sftp-server.js on a free port and a temp directory. */
export function startSftpServer(options: { username?: string; password?: string } = {}): Promise<SftpTestServer> {
  return sftp.startSftpServer(options)
}

export type S3TestServer = {
  endpoint: string
  /** s3rver checks SigV4 signatures made with exactly these */
  access_key_id: string
  secret_access_key: string
  stop: () => Promise<void>
}

export async function startS3Server(buckets: string[]): Promise<S3TestServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "cb-s3rver-"))
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
    // the SDK signs path-style bucket requests as "/bucket/", s3rver canonicalises "/bucket"
    allowMismatchedSignatures: true,
  })
  const { port } = await server.run()
  return {
    endpoint: `http://127.0.0.1:${port}`,
    access_key_id: "S3RVER",
    secret_access_key: "S3RVER",
    stop: async () => {
      await server.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}

/** A loopback port nothing listens on (a server that is down). */
export async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.on("error", reject)
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}
