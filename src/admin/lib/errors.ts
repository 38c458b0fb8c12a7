import { toast } from "@medusajs/ui"

/** Shows the server's own message (what and where) in a toast. */
export function toastError(e: unknown, fallback = "Something went wrong") {
  const message = e instanceof Error && e.message ? e.message : fallback
  toast.error(message)
}
