/**
 * English, as one resource: the words that read schemas (prefixes, abbreviations, units) and questions (stop words,
 * months, numbers, currencies). A second language is a second resource of the same shape, not edits across files.
 */

export interface MeasurementUnit {
  /** The unit as shown: `minutes`. */
  name: string;
  /** Suffixes of column names that store it (`duration_min`, `distance_km`) and words that name it in questions. */
  words: string[];
}

export interface MoneyUnitWords {
  /** The minor unit (`cents`) and how many make one major unit. */
  minor: { words: string[]; perMajor: number };
  /** ISO 4217 code → the words and symbols that name the currency. */
  currencies: Record<string, { words: string[]; symbols: string[] }>;
}

export const english = {
  /** Words that carry no content anywhere (articles, auxiliaries, pronouns, politeness). */
  fillerWords: [
    'a', 'an', 'the', 'of', 'in', 'during', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'do', 'does', 'did', 'have',
    'has', 'had', 'please', 'me', 'us', 'i', 'we', 'you', 'my', 'our', 'your', 'that', 'there', 'can', 'could', 'would',
    'will', 'should',
  ],
  /** Words that ask for an answer without saying what it holds. */
  requestWords: ['show', 'list', 'give', 'tell', 'display', 'what', 'whats', 'which', 'return', 'find', 'get', 'fetch', 'retrieve'],
  /** Words that shape a query (how many, per, total) but name nothing in the schema: left out when linking tables. */
  structureWords: [
    'on', 'for', 'to', 'by', 'per', 'and', 'or', 'with', 'from', 'at', 'how', 'many', 'much', 'who', 'whom', 'when', 'where',
    'all', 'each', 'every', 'their', 'it', 'its', 'this', 'these', 'those', 'than', 'as', 'number', 'count', 'total',
  ],
  months: ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  monthAbbreviations: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 } as Record<string, number>,
  numberWords: {
    zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
    twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
    twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
  } as Record<string, number>,
  /** Table name prefixes that say what kind of table it is, not what it holds (`tbl_orders`, `dim_product`). */
  tablePrefixes: ['tbl', 'tb', 'dim', 'fct', 'fact', 'stg', 'raw', 'src', 'ref', 'lkp', 'lu', 'vw'],
  /** Common abbreviations in column and table names, and the word each stands for. */
  abbreviations: {
    qty: 'quantity', amt: 'amount', num: 'number', no: 'number', nbr: 'number', desc: 'description', addr: 'address',
    cust: 'customer', emp: 'employee', dept: 'department', mgr: 'manager', acct: 'account', prod: 'product',
    cat: 'category', org: 'organization', txn: 'transaction', trx: 'transaction', inv: 'invoice', pct: 'percent',
    yr: 'year', mo: 'month', dob: 'birth date', dt: 'date', ts: 'timestamp',
  } as Record<string, string>,
  /** Last words of a date or timestamp column that only say it is one (`created_at` → created). */
  timeSuffixes: ['at', 'on', 'date', 'time', 'timestamp', 'ts', 'dt', 'datetime'],
  /** Words of a text column that names a row (`title`, `store_name`). */
  labelWords: ['name', 'title', 'label'],
  /** Column words that usually mark personal data, so `semantic init` asks the user to look. */
  personalWords: [
    'email', 'mail', 'phone', 'mobile', 'name', 'surname', 'firstname', 'lastname', 'fullname', 'address', 'street', 'zip',
    'postcode', 'birth', 'birthday', 'dob', 'ssn', 'passport', 'iban', 'salary', 'password', 'ip', 'body', 'note', 'notes',
  ],
  /** Comparisons before a number: "over 100", "at least 3", "no more than 5". */
  comparisons: {
    '>': ['over', 'above', 'more than', 'greater than', 'higher than', 'larger than', 'bigger than', 'exceeding', 'in excess of'],
    '>=': ['at least', 'no less than', 'not less than'],
    '<': ['under', 'below', 'less than', 'fewer than', 'lower than', 'smaller than', 'cheaper than'],
    '<=': ['at most', 'no more than', 'not more than'],
    '=': ['exactly', 'equal to', 'equals'],
  } as Record<'>' | '>=' | '<' | '<=' | '=', string[]>,
  /** Time grains by their nouns and adjectives: "per month", "monthly". */
  grains: {
    day: ['day', 'days', 'daily'],
    week: ['week', 'weeks', 'weekly'],
    month: ['month', 'months', 'monthly'],
    quarter: ['quarter', 'quarters', 'quarterly'],
    year: ['year', 'years', 'yearly', 'annually', 'annual'],
  },
  /** Words before a period: "in 2024", "during March", "on 2025-06-30". */
  periodPrepositions: ['in', 'during', 'for', 'of', 'within', 'throughout', 'on'],
  ordinals: { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 } as Record<string, number>,
  /** Words schemas are commonly written with, for splitting names run together (`teacherid`, `gradelevel`). */
  schemaWords: [
    'id', 'key', 'code', 'name', 'first', 'last', 'full', 'title', 'type', 'kind', 'status', 'level', 'grade', 'date', 'time',
    'at', 'on', 'year', 'month', 'day', 'start', 'end', 'created', 'updated', 'enrolled', 'hired', 'joined', 'born', 'birth',
    'home', 'room', 'count', 'number', 'amount', 'total', 'price', 'cost', 'fee', 'rate', 'size', 'age', 'city', 'country',
    'region', 'zip', 'email', 'phone', 'address', 'description', 'category', 'group', 'class', 'team', 'user', 'owner',
  ],
  /** Units of measure stored in a column's name (`duration_min`, `distance_km`): not part of what the column is called. */
  measurementUnits: [
    { name: 'minutes', words: ['min', 'mins', 'minute', 'minutes'] },
    { name: 'seconds', words: ['sec', 'secs', 'second', 'seconds'] },
    { name: 'hours', words: ['hr', 'hrs', 'hour', 'hours'] },
    { name: 'days', words: ['days'] },
    { name: 'kilometres', words: ['km', 'kms', 'kilometre', 'kilometres', 'kilometer', 'kilometers'] },
    { name: 'metres', words: ['m', 'metre', 'metres', 'meter', 'meters'] },
    { name: 'miles', words: ['mi', 'mile', 'miles'] },
    { name: 'square metres', words: ['sqm', 'm2'] },
    { name: 'litres', words: ['l', 'ltr', 'litre', 'litres', 'liter', 'liters'] },
    { name: 'kilograms', words: ['kg', 'kgs', 'kilogram', 'kilograms', 'kilo', 'kilos'] },
    { name: 'grams', words: ['g', 'gram', 'grams'] },
    { name: 'milligrams', words: ['mg', 'milligram', 'milligrams'] },
    { name: 'percent', words: ['pct', 'percent', 'percentage'] },
  ] satisfies MeasurementUnit[],
  /**
   * Words that shape a question, by what they do. Everything the fast lane's grammar knows is here; its parser maps
   * each group to a piece of a query.
   */
  grammar: {
    count: ['how many', 'number of', 'count of', 'count', 'counts', 'total number of', 'the number of'],
    howMuch: ['how much'],
    aggregates: {
      sum: ['sum of', 'sum', 'summing', 'summed'],
      avg: ['average', 'avg', 'mean'],
      min: ['minimum', 'min'],
      max: ['maximum', 'max'],
    },
    /** Superlatives: plain ("highest"), of counts ("most"), of price ("cheapest"), of time ("latest"). */
    superlatives: {
      plain: { desc: ['highest', 'largest', 'biggest', 'greatest'], asc: ['lowest', 'smallest'] },
      count: { desc: ['most', 'most common', 'most frequent'], asc: ['fewest', 'least', 'least common'] },
      price: { desc: ['most expensive', 'priciest', 'costliest'], asc: ['cheapest', 'least expensive'] },
      time: { desc: ['most recent', 'latest', 'newest', 'last'], asc: ['earliest', 'oldest', 'first'] },
    },
    distinct: ['different', 'distinct', 'unique'],
    /** Asking for rows or values; `one` asks for a single value ("what is"). */
    list: [
      'which', 'what', 'list', 'list all', 'show', 'show me', 'show all', 'give me', 'give', 'tell me', 'display', 'return', 'find',
      'get', 'get me', 'fetch', 'retrieve', 'provide', 'output', 'look up', 'i want', 'i need', 'i would like', 'can you',
      'could you', 'please list',
    ],
    listOne: ['what is', 'what was'],
    when: ['when'],
    /** Group markers; `bare` for a lone "each"/"every", which may also just mean "all"; `by` for "by". */
    groups: [
      { words: 'per', bare: false, by: false }, { words: 'by', bare: false, by: true }, { words: 'for each', bare: false, by: false },
      { words: 'for every', bare: false, by: false }, { words: 'in each', bare: false, by: false }, { words: 'in every', bare: false, by: false },
      { words: 'grouped by', bare: false, by: false }, { words: 'broken down by', bare: false, by: false }, { words: 'split by', bare: false, by: false },
      { words: 'each', bare: true, by: false }, { words: 'every', bare: true, by: false },
    ],
    negation: ['not', 'excluding', 'exclude', 'except', 'except for', 'other than', 'not counting', 'apart from', 'but not', 'non', 'ignoring'],
    /** A NULL check on the next field: "no manager", "without a manager". */
    absence: ['no', 'without', 'without a', 'without any'],
    existence: ['at least one', 'at least 1'],
    /** No filter on the next dimension: "whatever their status". */
    anyValue: ['whatever', 'regardless of', 'irrespective of', 'any'],
    quantifier: ['all'],
    people: ['people', 'persons'],
    and: ['and'],
    or: ['or'],
    /** Words that mean nothing only in the right company: "units sold" (a measure is aggregated), "new customers last month" (a period). */
    conditional: { measure: ['sold', 'ordered', 'bought', 'purchased', 'earned', 'generated'], period: ['new'] },
    /** Sort instructions: the next words say what to sort by (a field, "the count"), or how ("alphabetically"). */
    sortBy: ['sorted by', 'sort by', 'order by', 'ordered by', 'order the results by', 'sort the results by', 'sorted on', 'ranked by', 'rank by'],
    alphabetical: ['sorted alphabetically', 'alphabetically', 'in alphabetical order', 'sorted in alphabetical order', 'sorted by name', 'in order of name'],
    order: {
      desc: [
        'in descending order', 'descending', 'desc', 'most expensive first', 'from most to fewest', 'from most to least', 'from highest to lowest',
        'from largest to smallest', 'from biggest to smallest', 'from newest to oldest',
        ...['most', 'highest', 'largest', 'biggest', 'best', 'top', 'newest', 'latest', 'most recent'].map((word) => `${word} first`),
      ],
      asc: [
        'in ascending order', 'ascending', 'asc', 'least expensive first', 'from fewest to most', 'from least to most', 'from lowest to highest',
        'from smallest to largest', 'from oldest to newest',
        ...['fewest', 'least', 'lowest', 'smallest', 'cheapest', 'oldest', 'earliest'].map((word) => `${word} first`),
      ],
    },
    /** The key of the rows shown: "their IDs", "(by id)". */
    keys: ['id', 'ids', 'their id', 'their ids', 'its id', 'the id', 'the ids', 'by id', 'by their id', 'by its id', 'by the id', 'by ids'],
    /** Words that carry no meaning in a data question. */
    glue: [
      'the', 'a', 'an', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'with', 'into', 'is', 'are', 'was', 'were', 'be', 'been',
      'being', 'am', 'do', 'does', 'did', 'have', 'has', 'had', 'having', 'there', 'here', 'we', 'our', 'you', 'your', 'i',
      'me', 'my', 'it', 'its', 'their', 'they', 'them', 'this', 'that', 'these', 'those', 'currently', 'ever', 'very',
      'so far', 'overall', 'altogether', 'in total', 'in all', 'please', 'exist', 'exists', 'existing', 'now', 'right now',
      'just', 'only', 'at all', 'to date', 'of all time', 'all time', 'over all', 'single', 'individual', 'directly',
      'whose', 'where', 'who', 'that are', 'which are', 'that have', 'which have', 'respectively', 'corresponding', 'lasted', 'lasting',
      'them all', 'as well as', 'together with', 'along with', 'alongside', 'include', 'including', 'include only',
      'records', 'record', 'entries', 'entry', 'rows', 'row', 'results', 'the results', 'result', 'list of', 'all of',
      'each of', 'we have', 'do we have', 'did we have', 'did we get', 'do we get', 'we got', 'have we got',
      'did we receive', 'do we receive', 'we received', 'have we received', 'come from', 'came from', 'comes from',
      'coming from', 'belong to', 'belongs to', 'belonging to',
      // Verbs of making a record, which say nothing about which records: "orders were created", "tickets were filed".
      ...['made', 'created', 'opened', 'submitted', 'raised', 'filed', 'logged', 'written', 'sent', 'recorded', 'entered', 'added', 'issued', 'booked', 'registered'].flatMap((verb) => [verb, `${verb} by`]),
    ],
  },
  money: {
    minor: { words: ['cent', 'cents', 'pennies', 'penny'], perMajor: 100 },
    currencies: {
      EUR: { words: ['euro', 'euros', 'eur'], symbols: ['€'] },
      USD: { words: ['dollar', 'dollars', 'usd'], symbols: ['$'] },
      GBP: { words: ['pound', 'pounds', 'gbp'], symbols: ['£'] },
    },
  } satisfies MoneyUnitWords,
};

export type LanguageResource = typeof english;
