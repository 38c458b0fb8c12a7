/**
 * North American Numbering Plan (country code 1): real area codes. US and
 * Canadian codes are rated per area code on 1/1 second billing; the
 * Caribbean members of the NANP are separate, dearer destinations that must
 * never fall into a "United States" row.
 */

const US_STATES: Record<string, string> = {
  AK: "Alaska", AL: "Alabama", AR: "Arkansas", AZ: "Arizona", CA: "California",
  CO: "Colorado", CT: "Connecticut", DC: "District of Columbia", DE: "Delaware",
  FL: "Florida", GA: "Georgia", HI: "Hawaii", IA: "Iowa", ID: "Idaho",
  IL: "Illinois", IN: "Indiana", KS: "Kansas", KY: "Kentucky", LA: "Louisiana",
  MA: "Massachusetts", MD: "Maryland", ME: "Maine", MI: "Michigan",
  MN: "Minnesota", MO: "Missouri", MS: "Mississippi", MT: "Montana",
  NC: "North Carolina", ND: "North Dakota", NE: "Nebraska", NH: "New Hampshire",
  NJ: "New Jersey", NM: "New Mexico", NV: "Nevada", NY: "New York", OH: "Ohio",
  OK: "Oklahoma", OR: "Oregon", PA: "Pennsylvania", RI: "Rhode Island",
  SC: "South Carolina", SD: "South Dakota", TN: "Tennessee", TX: "Texas",
  UT: "Utah", VA: "Virginia", VT: "Vermont", WA: "Washington", WI: "Wisconsin",
  WV: "West Virginia", WY: "Wyoming",
}

/** "code:state" pairs, grouped by state for review. */
const US_AREA_CODES = `
907:AK 205:AL 251:AL 256:AL 334:AL 938:AL 479:AR 501:AR 870:AR 480:AZ 520:AZ
602:AZ 623:AZ 928:AZ 209:CA 213:CA 310:CA 323:CA 408:CA 415:CA 424:CA 442:CA
510:CA 530:CA 559:CA 562:CA 619:CA 626:CA 628:CA 650:CA 657:CA 661:CA 669:CA
707:CA 714:CA 747:CA 760:CA 805:CA 818:CA 831:CA 858:CA 909:CA 916:CA 925:CA
949:CA 951:CA 303:CO 719:CO 720:CO 970:CO 203:CT 475:CT 860:CT 959:CT 202:DC
302:DE 239:FL 305:FL 321:FL 352:FL 386:FL 407:FL 561:FL 727:FL 754:FL 772:FL
786:FL 813:FL 850:FL 863:FL 904:FL 941:FL 954:FL 229:GA 404:GA 470:GA 478:GA
678:GA 706:GA 762:GA 770:GA 912:GA 808:HI 319:IA 515:IA 563:IA 641:IA 712:IA
208:ID 217:IL 224:IL 309:IL 312:IL 331:IL 618:IL 630:IL 708:IL 773:IL 779:IL
815:IL 847:IL 872:IL 219:IN 260:IN 317:IN 574:IN 765:IN 812:IN 930:IN 316:KS
620:KS 785:KS 913:KS 270:KY 502:KY 606:KY 859:KY 225:LA 318:LA 337:LA 504:LA
985:LA 339:MA 351:MA 413:MA 508:MA 617:MA 774:MA 781:MA 857:MA 978:MA 240:MD
301:MD 410:MD 443:MD 667:MD 207:ME 231:MI 248:MI 269:MI 313:MI 517:MI 586:MI
616:MI 734:MI 810:MI 906:MI 947:MI 989:MI 218:MN 320:MN 507:MN 612:MN 651:MN
763:MN 952:MN 314:MO 417:MO 573:MO 636:MO 660:MO 816:MO 228:MS 601:MS 662:MS
769:MS 406:MT 252:NC 336:NC 704:NC 828:NC 910:NC 919:NC 980:NC 984:NC 701:ND
308:NE 402:NE 531:NE 603:NH 201:NJ 551:NJ 609:NJ 732:NJ 848:NJ 856:NJ 862:NJ
908:NJ 973:NJ 505:NM 575:NM 702:NV 725:NV 775:NV 212:NY 315:NY 347:NY 516:NY
518:NY 585:NY 607:NY 631:NY 646:NY 716:NY 718:NY 845:NY 914:NY 917:NY 929:NY
216:OH 234:OH 330:OH 419:OH 440:OH 513:OH 567:OH 614:OH 740:OH 937:OH 405:OK
539:OK 580:OK 918:OK 458:OR 503:OR 541:OR 971:OR 215:PA 267:PA 272:PA 412:PA
484:PA 570:PA 610:PA 717:PA 724:PA 814:PA 878:PA 401:RI 803:SC 843:SC 864:SC
605:SD 423:TN 615:TN 629:TN 731:TN 865:TN 901:TN 931:TN 210:TX 214:TX 254:TX
281:TX 325:TX 346:TX 361:TX 409:TX 430:TX 432:TX 469:TX 512:TX 682:TX 713:TX
737:TX 806:TX 817:TX 830:TX 832:TX 903:TX 915:TX 936:TX 940:TX 956:TX 972:TX
979:TX 385:UT 435:UT 801:UT 276:VA 434:VA 540:VA 571:VA 703:VA 757:VA 804:VA
802:VT 206:WA 253:WA 360:WA 425:WA 509:WA 262:WI 414:WI 534:WI 608:WI 715:WI
920:WI 304:WV 681:WV 307:WY
`

const CA_PROVINCES: Record<string, string> = {
  AB: "Alberta", BC: "British Columbia", MB: "Manitoba", NB: "New Brunswick",
  NL: "Newfoundland and Labrador", NS: "Nova Scotia", ON: "Ontario",
  QC: "Quebec", SK: "Saskatchewan", NT: "Northern Territories",
}

const CA_AREA_CODES = `
403:AB 587:AB 780:AB 825:AB 236:BC 250:BC 604:BC 778:BC 204:MB 431:MB 506:NB
709:NL 782:NS 902:NS 226:ON 249:ON 289:ON 343:ON 365:ON 416:ON 437:ON 519:ON
548:ON 613:ON 647:ON 705:ON 807:ON 905:ON 418:QC 438:QC 450:QC 514:QC 579:QC
581:QC 819:QC 873:QC 306:SK 639:SK 867:NT
`

export type AreaCode = { code: string; region: string }

function parsePairs(text: string, names: Record<string, string>): AreaCode[] {
  return text
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [code, key] = pair.split(":")
      if (!/^[2-9]\d\d$/.test(code) || !names[key]) {
        throw new Error(`nanp.ts: bad area code entry "${pair}"`)
      }
      return { code, region: names[key] }
    })
}

export const US_AREA_CODE_LIST: AreaCode[] = parsePairs(US_AREA_CODES, US_STATES)
export const CA_AREA_CODE_LIST: AreaCode[] = parsePairs(CA_AREA_CODES, CA_PROVINCES)

/**
 * NANP members outside the US and Canada, and US territories, with their
 * per-minute price (units of 0.0001 GBP): these are what a careless "1" row
 * undercharges.
 */
export const NANP_CARIBBEAN: Array<{ code: string; name: string; iso: string; rate: number }> = [
  { code: "242", name: "Bahamas", iso: "BS", rate: 1400 },
  { code: "246", name: "Barbados", iso: "BB", rate: 1600 },
  { code: "264", name: "Anguilla", iso: "AI", rate: 1900 },
  { code: "268", name: "Antigua and Barbuda", iso: "AG", rate: 1800 },
  { code: "284", name: "British Virgin Islands", iso: "VG", rate: 1700 },
  { code: "340", name: "US Virgin Islands", iso: "VI", rate: 250 },
  { code: "345", name: "Cayman Islands", iso: "KY", rate: 1500 },
  { code: "441", name: "Bermuda", iso: "BM", rate: 1200 },
  { code: "473", name: "Grenada", iso: "GD", rate: 1900 },
  { code: "649", name: "Turks and Caicos", iso: "TC", rate: 2000 },
  { code: "658", name: "Jamaica", iso: "JM", rate: 2100 },
  { code: "664", name: "Montserrat", iso: "MS", rate: 2200 },
  { code: "670", name: "Northern Mariana Islands", iso: "MP", rate: 600 },
  { code: "671", name: "Guam", iso: "GU", rate: 500 },
  { code: "684", name: "American Samoa", iso: "AS", rate: 1800 },
  { code: "721", name: "Sint Maarten", iso: "SX", rate: 1900 },
  { code: "758", name: "Saint Lucia", iso: "LC", rate: 1900 },
  { code: "767", name: "Dominica", iso: "DM", rate: 2000 },
  { code: "784", name: "Saint Vincent and the Grenadines", iso: "VC", rate: 1900 },
  { code: "787", name: "Puerto Rico", iso: "PR", rate: 200 },
  { code: "809", name: "Dominican Republic", iso: "DO", rate: 900 },
  { code: "829", name: "Dominican Republic", iso: "DO", rate: 900 },
  { code: "849", name: "Dominican Republic", iso: "DO", rate: 900 },
  { code: "868", name: "Trinidad and Tobago", iso: "TT", rate: 1300 },
  { code: "869", name: "Saint Kitts and Nevis", iso: "KN", rate: 2000 },
  { code: "876", name: "Jamaica", iso: "JM", rate: 2100 },
  { code: "939", name: "Puerto Rico", iso: "PR", rate: 200 },
]
