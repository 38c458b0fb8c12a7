/**
 * File formats (FORMATS.md): streaming parsers for CDR files (generic CSV,
 * Asterisk Master.csv, FreeSWITCH mod_cdr_csv) and meter events, and the CSV
 * writing helpers. Pure TypeScript over Node streams and papaparse: the
 * command line and the metering import share it.
 */
export * from "./types"
export { DEFAULT_BATCH_SIZE, readCsvBatches, csvField, csvRecord, openInput } from "./csv"
export { physicalLines, breaksIn } from "./lines"
export type { CsvBatch, CsvInput, CsvReadOptions } from "./csv"
export { parseInstant, parseLocal, formatInstant, stampText, isValidZone, ZoneClock } from "./time"
export { parseSeconds, parseDisposition, clean } from "./fields"
export { GENERIC_COLUMNS, GENERIC_REQUIRED, readHeader, genericRecord } from "./generic"
export type { GenericColumn, HeaderLayout } from "./generic"
export { ASTERISK_COLUMNS, ASTERISK_METADATA, asteriskRecord, asteriskValues, lineHash } from "./asterisk"
export { FREESWITCH_COLUMNS, FREESWITCH_METADATA, freeswitchRecord, freeswitchValues, dispositionOf } from "./freeswitch"
export { EVENT_COLUMNS, QUANTITY_MAX_DECIMALS, eventRecord, quantityProblem } from "./events"
export { readCdrs, readMeterEvents } from "./reader"
export type { CdrReader, CdrReadOptions, EventReadOptions } from "./reader"
