/**
 * Phrases reviewers and models use for a weakness, mapped to its CWE id. Used only when a claim
 * cites no CWE the catalog knows (the study's first two prompts do not ask for one) or cites just a
 * pillar: `race condition` under CWE-435 is still a race condition.
 */
const PHRASES: Array<[RegExp, number]> = [
  [/\bsql injection|\bsqli\b/i, 89],
  [/\b(?:os |shell )?command injection|shell injection/i, 78],
  [/\bcode injection|\beval(?:uat(?:e|ion))? (?:of )?(?:untrusted|user)/i, 94],
  [/cross[- ]site scripting|\bxss\b/i, 79],
  [/cross[- ]site request forgery|\bcsrf\b|\bxsrf\b/i, 352],
  [/\bformat[- ]string/i, 134],
  [/\btime[- ]of[- ]check|\btoctou\b/i, 367],
  [/\brace condition/i, 362],
  [/\bdead[- ]?lock/i, 833],
  [/\buse[- ]after[- ]free\b/i, 416],
  [/\bdouble[- ]free\b/i, 415],
  [/\binteger (?:overflow|underflow|wrap)/i, 190],
  [/\bout[- ]of[- ]bounds write|\bbuffer overflow|\bbuffer overrun|\bstack overflow|\bheap overflow/i, 120],
  [/\bout[- ]of[- ]bounds read|\bbuffer over-?read/i, 125],
  [/\bnull (?:pointer )?dereference|\bnull pointer/i, 476],
  [/\bmemory leak/i, 401],
  [/\b(?:resource|file(?: descriptor| handle)?|socket|connection|handle) leak/i, 772],
  [/\bdenial[- ]of[- ]service|\bdos attack|\bresource exhaustion|\buncontrolled resource consumption/i, 400],
  [/\bpath traversal|\bdirectory traversal/i, 22],
  [/\bhard-?coded (?:password|credential|secret|key|token)/i, 798],
  [/\b(?:insecure|unsafe|untrusted) deserializ/i, 502],
  [/\bxml external entit|\bxxe\b/i, 611],
  [/\bopen redirect/i, 601],
  [/\bserver[- ]side request forgery|\bssrf\b/i, 918],
  [/\bmissing authentication|\bwithout authentication|\bunauthenticated/i, 306],
  [/\bmissing authori[sz]ation|\bwithout (?:proper )?authori[sz]ation|\bunauthori[sz]ed access/i, 862],
  [/\bweak (?:hash|hashing)|\bmd5\b|\bsha-?1\b/i, 328],
  [/\b(?:weak|broken|risky) (?:crypto|cipher|encryption)/i, 327],
  [/\b(?:cleartext|plain ?text) (?:transmission|password|storage)/i, 319],
  [/\bmissing encryption|\bunencrypted/i, 311],
  [/\b(?:insecure|weak|predictable) random/i, 338],
  [/\bcertificate (?:validation|verification)/i, 295],
  [/\bsensitive (?:information|data) (?:exposure|leak|in logs?)|\binformation (?:exposure|disclosure|leak)/i, 200],
  [/\buncaught exception|\bunhandled exception/i, 248],
  [/\bprompt injection/i, 77],
];

/** The CWE id of the first phrase found in `text`, or undefined. */
export function cweFromWords(text: string): number | undefined {
  for (const [phrase, id] of PHRASES) if (phrase.test(text)) return id;
  return undefined;
}

export function keywordCweIds(): number[] {
  return PHRASES.map(([, id]) => id);
}
