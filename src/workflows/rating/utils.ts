import { MedusaError } from "@medusajs/framework/utils"
import { validateProfile } from "../../modules/rating/engine"

/** Throws a 400 naming every problem of a time profile (FORMATS.md). */
export function assertValidProfile(profile: unknown, where = ""): void {
  const errors = validateProfile(profile)
  if (errors.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid time profile: ${errors.map((e) => where + e).join("; ")}`
    )
  }
}
