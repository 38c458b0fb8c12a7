/** Help texts of `call-billing` (FORMATS.md "Command line"). */

export const MAIN_HELP = `call-billing — rate call detail records against a rate deck, without a database or a server.

Usage:
  call-billing rate --rates rates.csv --cdrs cdrs.csv [options]
  call-billing validate-rates rates.csv
  call-billing diff-rates old.csv new.csv
  call-billing <command> --help

Commands:
  rate             rate a CDR file; rated CSV to --out or stdout, summary to stderr
  validate-rates   check a rate deck and list every bad line
  diff-rates       show prefixes added, removed and changed between two decks

Exit codes: 0 success; 2 bad arguments or invalid input (every bad line is
listed); 1 any other failure. A record that cannot be rated is not a failure:
it is an output row with status "exception".
`

export const RATE_HELP = `Usage: call-billing rate --rates rates.csv --cdrs cdrs.csv [options]

Rates every record of a CDR file with one sell card built from the deck and
the options below (one version, in force since the beginning of time). Streams:
memory stays flat whatever the file size.

Writes the CDR columns (for headerless formats, the generic column names),
then status, reason, number, card, version, prefix, destination, band,
rated_seconds, charge, currency (and cost, margin with --buy-rates) to --out
or stdout. Prints records, rated, exceptions by reason and the exact total
charge to stderr.

Options:
  --rates FILE                 sell rate deck (FORMATS.md rates.csv)    [required]
  --cdrs FILE                  call detail records                       [required]
  --format FORMAT              generic | asterisk | freeswitch           [generic]
  --profile FILE               time profile JSON (bands peak, offpeak, …)
  --timezone ZONE              IANA zone for time bands and for the local
                               timestamps of asterisk/freeswitch files   [UTC]
  --country-code CC            country calling code for national numbers, e.g. 44
                               (without it, national numbers are not converted)
  --international-prefix DIGITS  international access code       [00; 011 for 1]
  --currency CODE              ISO 4217 currency of the card             [USD]
  --decimals N                 decimals of each call's charge, 0–8       [4]
  --rounding MODE              half_up | up | down | half_even           [half_up]
  --buy-rates FILE             carrier (buy) deck: adds cost and margin columns
  --out FILE                   write the rated CSV here (replaced only when the
                               run succeeds) instead of stdout
  --dedupe                     mark repeated call ids as exception "duplicate".
                               Keeps every call id seen in memory, so memory then
                               grows with the number of distinct calls (about
                               100 bytes each); off by default so memory stays flat.
  -h, --help                   show this help

Example:
  call-billing rate --rates examples/rates.csv --cdrs examples/cdrs.csv \\
    --profile examples/profile.json --timezone Europe/London --country-code 44 \\
    --buy-rates examples/carrier-a.csv --out rated.csv
`

export const VALIDATE_HELP = `Usage: call-billing validate-rates rates.csv

Checks a rate deck (FORMATS.md rates.csv) and lists every bad line as
"line N, column C: reason" on stdout. Exits 0 when the deck is valid, 2 when
it is not.

Options:
  -h, --help   show this help
`

export const DIFF_HELP = `Usage: call-billing diff-rates old.csv new.csv

Compares two rate decks keyed by (prefix, band, direction) and prints the rows
added, removed and changed, with old → new values. Amounts compare by value
(0.02 = 0.0200). Exits 0 when both decks are valid (whether or not they
differ), 2 when either is invalid (every bad line listed).

Options:
  -h, --help   show this help
`
