/**
 * The one error the invoice calculator throws: its input broke the contract
 * in `types.ts`. The caller maps it to `MedusaError.Types.INVALID_DATA`.
 */
export class BillingCalcError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "BillingCalcError"
  }
}
