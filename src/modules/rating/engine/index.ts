/**
 * The pure rating engine (RATING.md): number normalisation, time bands,
 * compiled prefix tries, increments and exact BigInt charges. No I/O.
 */
export * from "./types"
export * from "./money"
export * from "./numbers"
export * from "./time-profile"
export * from "./increments"
export * from "./compile"
export * from "./rate"
export * from "./lcr"
export * from "./cache"
