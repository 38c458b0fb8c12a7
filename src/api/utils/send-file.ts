import type { MedusaResponse } from "@medusajs/framework/http"

/** Streams a rendered file; headers first, so a failure mid-stream ends the response (never a half file as 200 JSON). */
export async function sendFile(res: MedusaResponse, type: string, filename: string, render: (out: MedusaResponse) => Promise<void>) {
  res.setHeader("Content-Type", type)
  res.setHeader("Content-Disposition", `attachment; filename="${filename.replace(/[^\w.-]+/g, "_")}"`)
  await render(res)
}
