// Real servers on loopback for the pull tests (see /tmp/poc-pull): an SSH
// server from `ssh2` that hands the sftp subsystem to OpenSSH's own
// sftp-server binary (Debian's openssh-sftp-server), and s3rver.
import { spawn, type ChildProcess } from "child_process"
import crypto from "crypto"
import fs from "fs"
import net from "net"
import os from "os"
import path from "path"

const { Server, utils } = require("ssh2")
const S3rver = require("@20minutes/s3rver")

export const SFTP_SERVER_BIN = "/usr/lib/openssh/sftp-server"

export type SftpTestServer = {
  host: string
  port: number
  username: string
  password: string
  /** real directory served; sftp-server starts there (`-d`), absolute paths are real paths */
  root: string
  stop: () => Promise<void>
}

export async function startSftpServer({ username = "cdr", password = "s3cret-sftp" } = {}): Promise<SftpTestServer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cb-sftp-"))
  const hostKey = utils.generateKeyPairSync("ed25519").private
  const same = (a: string, b: string) => {
    const x = Buffer.from(a)
    const y = Buffer.from(b)
    return x.length === y.length && crypto.timingSafeEqual(x, y)
  }
  const children = new Set<ChildProcess>()
  const clients = new Set<any>()
  const server = new Server({ hostKeys: [hostKey] }, (client: any) => {
    clients.add(client)
    client.setNoDelay(true) // else Nagle + delayed ACK cost ~25 ms per 32 KiB read
    client.on("close", () => clients.delete(client))
    client.on("error", () => {})
    client.on("authentication", (ctx: any) => {
      if (ctx.method === "password" && same(ctx.username, username) && same(ctx.password, password)) return ctx.accept()
      ctx.reject(["password"])
    })
    client.on("ready", () => {
      client.on("session", (accept: any) => {
        accept().on("subsystem", (acceptSub: any, rejectSub: any, info: any) => {
          if (info.name !== "sftp") return rejectSub()
          const channel = acceptSub()
          const child = spawn(SFTP_SERVER_BIN, ["-d", root], { stdio: ["pipe", "pipe", "ignore"] })
          children.add(child)
          channel.pipe(child.stdin)
          child.stdout!.pipe(channel)
          child.on("exit", (code) => {
            children.delete(child)
            channel.exit(code ?? 0)
            channel.end()
          })
          channel.on("close", () => child.kill())
        })
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    host: "127.0.0.1",
    port: server.address().port,
    username,
    password,
    root,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const c of children) c.kill()
        for (const c of clients) c.end() // server.close() waits for open connections
        server.close(() => {
          fs.rmSync(root, { recursive: true, force: true })
          resolve()
        })
      }),
  }
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
