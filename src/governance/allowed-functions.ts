/**
 * The functions a query may call: side-effect-free aggregates, window, math, string, date/time, JSON and
 * array functions. Everything else is refused: an allowlist, not a denylist, so a function added to
 * PostgreSQL tomorrow is refused until someone decides it is safe.
 */
const aggregateFunctions = [
  'count', 'sum', 'avg', 'min', 'max', 'string_agg', 'array_agg', 'bool_and', 'bool_or', 'every', 'stddev', 'stddev_pop',
  'stddev_samp', 'variance', 'var_pop', 'var_samp', 'percentile_cont', 'percentile_disc', 'mode', 'corr', 'covar_pop',
  'covar_samp', 'regr_slope', 'regr_intercept', 'regr_r2', 'regr_count', 'json_agg', 'jsonb_agg', 'json_object_agg',
  'jsonb_object_agg', 'bit_and', 'bit_or', 'any_value', 'grouping',
];

const windowFunctions = ['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value'];

const allowed = [
  ...aggregateFunctions,
  ...windowFunctions,
  // math
  'abs', 'ceil', 'ceiling', 'floor', 'round', 'trunc', 'sign', 'sqrt', 'cbrt', 'power', 'pow', 'exp', 'ln', 'log', 'log10',
  'mod', 'div', 'pi', 'degrees', 'radians', 'width_bucket', 'scale', 'gcd', 'lcm', 'factorial',
  // strings
  'lower', 'upper', 'initcap', 'length', 'char_length', 'character_length', 'octet_length', 'bit_length', 'substr',
  'substring', 'left', 'right', 'trim', 'btrim', 'ltrim', 'rtrim', 'lpad', 'rpad', 'replace', 'split_part', 'concat',
  'concat_ws', 'position', 'strpos', 'starts_with', 'reverse', 'format', 'regexp_replace', 'regexp_match',
  'regexp_matches', 'regexp_split_to_array', 'regexp_split_to_table', 'regexp_like', 'regexp_count', 'regexp_substr',
  'regexp_instr', 'translate', 'md5', 'ascii', 'chr', 'overlay', 'like_escape', 'similar_to_escape', 'string_to_array',
  'string_to_table', 'unistr', 'normalize', 'is_normalized',
  // date and time
  'now', 'date_trunc', 'date_part', 'extract', 'age', 'make_date', 'make_time', 'make_timestamp', 'make_timestamptz',
  'make_interval', 'date_bin', 'justify_days', 'justify_hours', 'justify_interval', 'isfinite', 'timezone', 'to_char',
  'to_date', 'to_timestamp', 'to_number', 'date_add', 'date_subtract', 'overlaps',
  // JSON
  'json_build_object', 'jsonb_build_object', 'json_build_array', 'jsonb_build_array', 'to_json', 'to_jsonb', 'row_to_json',
  'array_to_json', 'json_object', 'jsonb_object', 'json_extract_path', 'jsonb_extract_path', 'json_extract_path_text',
  'jsonb_extract_path_text', 'json_array_length', 'jsonb_array_length', 'json_typeof', 'jsonb_typeof', 'json_each',
  'jsonb_each', 'json_each_text', 'jsonb_each_text', 'json_array_elements', 'jsonb_array_elements',
  'json_array_elements_text', 'jsonb_array_elements_text', 'json_object_keys', 'jsonb_object_keys', 'jsonb_strip_nulls',
  'json_strip_nulls', 'jsonb_set', 'jsonb_insert', 'jsonb_pretty', 'jsonb_path_query', 'jsonb_path_exists', 'jsonb_path_match',
  'jsonb_path_query_array', 'jsonb_path_query_first',
  // arrays
  'array_length', 'cardinality', 'unnest', 'array_position', 'array_positions', 'array_remove', 'array_replace',
  'array_append', 'array_prepend', 'array_cat', 'array_to_string', 'array_upper', 'array_lower', 'array_ndims', 'array_dims',
  // series and misc
  'generate_series', 'generate_subscripts', 'num_nulls', 'num_nonnulls', 'pg_typeof',
];

const allowedSet = new Set(allowed);
const aggregateOrWindowSet = new Set([...aggregateFunctions, ...windowFunctions]);

/** True for an allowed function: unqualified, or qualified with `pg_catalog` (as the parser writes EXTRACT or AT TIME ZONE). */
export function isAllowedFunction(name: string): boolean {
  const parts = name.split('.');
  if (parts.length === 1) return allowedSet.has(parts[0] as string);
  return parts.length === 2 && parts[0] === 'pg_catalog' && allowedSet.has(parts[1] as string);
}

/** True for an aggregate or window function, which a row filter (a WHERE over one row) cannot use. */
export function isAggregateOrWindowFunction(name: string): boolean {
  return aggregateOrWindowSet.has(name.split('.').at(-1) as string);
}
