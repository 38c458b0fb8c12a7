// A real SFTP server on loopback, for the pull tests and the demo's drop
// folder: an SSH server from `ssh2` (password login) that hands the sftp
// subsystem to OpenSSH's own sftp-server binary (Debian's
// openssh-sftp-server), which serves a real directory.
const { spawn } = require("child_process")
const crypto = require("crypto")
const fs = require("fs")
const os = require("os")
const path = require("path")

const SFTP_SERVER_BIN = "/usr/lib/openssh/sftp-server"

/**
 * Starts the server. `root` is the directory served (a new temp directory
 * when omitted, removed on stop); sftp-server starts there, and absolute
 * paths are the machine's real paths.
 *
 * @example
 * const sftp = await startSftpServer({ root: ".demo/sftp", port: 2222 })
 * // sftp.host, sftp.port, sftp.username, sftp.password; await sftp.stop()
 */
async function startSftpServer({ root, port = 0, username = "cdr", password = "s3cret-sftp" } = {}) {
  const { Server, utils } = require("ssh2")
  const ownRoot = !root
  root = root ? path.resolve(root) : fs.mkdtempSync(path.join(os.tmpdir(), "cb-sftp-"))
  fs.mkdirSync(root, { recursive: true })
  const hostKey = utils.generateKeyPairSync("ed25519").private
  const same = (a, b) => {
    const x = Buffer.from(a)
    const y = Buffer.from(b)
    return x.length === y.length && crypto.timingSafeEqual(x, y)
  }
  const children = new Set()
  const clients = new Set()
  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    clients.add(client)
    client.setNoDelay(true) // else Nagle + delayed ACK cost ~25 ms per 32 KiB read
    client.on("close", () => clients.delete(client))
    client.on("error", () => {})
    client.on("authentication", (ctx) => {
      if (ctx.method === "password" && same(ctx.username, username) && same(ctx.password, password)) return ctx.accept()
      ctx.reject(["password"])
    })
    client.on("ready", () => {
      client.on("session", (accept) => {
        accept().on("subsystem", (acceptSub, rejectSub, info) => {
          if (info.name !== "sftp") return rejectSub()
          const channel = acceptSub()
          const child = spawn(SFTP_SERVER_BIN, ["-d", root], { stdio: ["pipe", "pipe", "ignore"] })
          children.add(child)
          channel.pipe(child.stdin)
          child.stdout.pipe(channel)
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
  await new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, "127.0.0.1", resolve)
  })
  return {
    host: "127.0.0.1",
    port: server.address().port,
    username,
    password,
    root,
    stop: () =>
      new Promise((resolve) => {
        for (const c of children) c.kill()
        for (const c of clients) c.end() // server.close() waits for open connections
        server.close(() => {
          if (ownRoot) fs.rmSync(root, { recursive: true, force: true })
          resolve()
        })
      }),
  }
}

module.exports = { startSftpServer, SFTP_SERVER_BIN }
